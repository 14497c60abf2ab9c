// Progressive enhancement for the generated pages; without JavaScript every page is complete.
// - A copy button beside each feed address (the address stays selectable without it).
// - The directory filter by province and school; the choice lives in the URL
//   (?provincie=...&school=...), so a filtered list can be shared. No framework.
(function () {
  "use strict";
  function enhance(input) {
    if (input.dataset.mboCopyReady || !navigator.clipboard) return;
    input.dataset.mboCopyReady = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button mbo-copy__button";
    // The words come from the site's catalogue (copy.*), in the field's data- attributes.
    button.textContent = input.dataset.mboCopy;
    var status = document.createElement("span");
    status.className = "mbo-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () { status.textContent = input.dataset.mboCopied; },
        function () { input.select(); status.textContent = input.dataset.mboCopyByHand; }
      );
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  }
  function setupFilter(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var province = form.elements.provincie;
    var school = form.elements.school;
    var status = form.querySelector(".mbo-filter__status");
    var sections = Array.prototype.slice.call(document.querySelectorAll(".mbo-province"));
    var params = new URLSearchParams(window.location.search);

    function choose(select, value) {
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = known ? value : "";
    }
    choose(province, params.get("provincie") || "");
    choose(school, params.get("school") || "");

    function apply() {
      var shown = 0;
      sections.forEach(function (section) {
        var visible = 0;
        section.querySelectorAll("li[data-province]").forEach(function (item) {
          var match =
            (!province.value || item.dataset.province === province.value) &&
            (!school.value || item.dataset.institution === school.value);
          item.hidden = !match;
          if (match) visible += 1;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      status.textContent = shown === 1
        ? form.dataset.foundOne : form.dataset.found.replace("{count}", String(shown));
      var chosen = province.options[province.selectedIndex];
      if (shown === 0 && chosen && chosen.dataset.page) {
        // A region without associations: its page names the nearest ones.
        var link = document.createElement("a");
        link.href = chosen.dataset.page;
        link.textContent = form.dataset.near.replace("{region}", chosen.value);
        status.appendChild(document.createTextNode(" "));
        status.appendChild(link);
      }
      var query = new URLSearchParams();
      if (province.value) query.set("provincie", province.value);
      if (school.value) query.set("school", school.value);
      var search = query.toString();
      window.history.replaceState(
        null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash
      );
    }
    form.addEventListener("change", apply);
    // The button is there for keyboard and switch users who expect one; the choice is
    // already applied, so it applies it again and keeps the page where it is.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.hidden = false;
    apply();
  }
  function run() {
    document.querySelectorAll("input[data-mbo-copy], textarea[data-mbo-copy]").forEach(enhance);
    var filter = document.querySelector("form[data-mbo-filter]");
    if (filter) setupFilter(filter);
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
