// The change page (templates/mbo-alumni/change.html): fill a change form with the current
// values of the entry the query names (?bijeenkomst=<id> or ?vereniging=<id>), read from the
// site's own open data (same origin; nothing else is asked). Each field remembers the value
// it started with (data-original), so mbo-join.js sends only what changed, and shows it.
// What the volunteer typed before a reload stays (mbo-join.js keeps a draft per tab).
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-change]"));
  var chosen = forms.filter(function (form) { return params.get(form.dataset.change); })[0];
  if (!chosen) {
    var missing = document.querySelector(".mbo-change__missing");
    if (missing) missing.hidden = false;
    return;
  }
  forms.forEach(function (form) {
    if (form !== chosen) form.closest(".mbo-join").hidden = true;
  });
  var ident = params.get(chosen.dataset.change);

  function notation(value) {
    // ISO 8601 from the open data ("2027-11-02T17:00:00+01:00") -> the data's own notation
    // ("2027-11-02 17:00"): the local time, as the volunteer wrote it.
    var m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(value || "");
    return m ? (m[2] ? m[1] + " " + m[2] : m[1]) : value;
  }
  function valueOf(record, key) {
    var value = key.split(".").reduce(function (object, part) {
      return object && object[part] !== undefined ? object[part] : undefined;
    }, record);
    if (value === undefined || value === null) return "";
    if (key === "start" || key === "end") return notation(value);
    if (Array.isArray(value)) return value.join(", ");
    return String(value);
  }

  fetch(chosen.dataset.api, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (document_) {
      var records = document_.events || document_.associations || [];
      var record = records.filter(function (r) { return r.id === ident; })[0];
      if (!record) {
        var missing = document.querySelector(".mbo-change__missing");
        if (missing) missing.hidden = false;
        return;
      }
      chosen.querySelectorAll(".mbo-field").forEach(function (div) {
        var input = div.querySelector("input:not([type=hidden]), textarea, select");
        if (!input || div.dataset.kind === "checkboxes") return;
        var key = div.dataset.key;
        // "change" (afgelasten or not) starts empty; a field the volunteer already edited in
        // this tab (a draft, restored by mbo-join.js) keeps their text.
        var value = key === "id" ? record.id : (key === "change" ? "" : valueOf(record, key));
        if (!input.dataset.restored) input.value = value;
        div.dataset.original = value;
      });
      chosen.dataset.ready = "1";
    });
})();
