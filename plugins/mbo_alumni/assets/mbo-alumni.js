// Progressive enhancement: a copy button beside each feed address. Without JavaScript the
// address stays selectable in its read-only field.
(function () {
  "use strict";
  function enhance(input) {
    if (input.dataset.mboCopyReady || !navigator.clipboard) return;
    input.dataset.mboCopyReady = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button mbo-copy__button";
    button.textContent = "Kopieer adres";
    var status = document.createElement("span");
    status.className = "mbo-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () { status.textContent = "Gekopieerd"; },
        function () { input.select(); status.textContent = "Kopieer het adres met Ctrl+C of Cmd+C"; }
      );
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  }
  function run() {
    document.querySelectorAll("input[data-mbo-copy]").forEach(enhance);
  }
  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
