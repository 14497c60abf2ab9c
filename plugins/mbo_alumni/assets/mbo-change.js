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
      // A series: the query may name one time (?keer=2027-01-05), what the change is for
      // (?voor=deze keer) and a cancellation (?actie=afgelasten), from the series page's
      // links. That time's own start and end are the values to change; the rest of the form
      // is the series'. A single event has no times to choose: those fields are hidden.
      var day = params.get("keer") || "";
      var time = (record.occurrences || []).filter(function (o) { return o.day === day; })[0];
      var asked = { occurrence: day, scope: params.get("voor") || "",
                    change: params.get("actie") === "afgelasten" ? "Afgelasten" : "" };
      chosen.querySelectorAll(".mbo-field").forEach(function (div) {
        var input = div.querySelector("input:not([type=hidden]), textarea, select");
        if (!input || div.dataset.kind === "checkboxes") return;
        var key = div.dataset.key;
        if ((key === "occurrence" || key === "scope") && !record.repeat) {
          div.hidden = true;
          return;
        }
        // "change", the time and the scope start empty (what the volunteer asks, not data);
        // a field already edited in this tab (a draft, restored by mbo-join.js) keeps its text.
        // A field the open data does not hold (the association's own calendar) starts empty.
        var value = key === "id" ? record.id
          : div.hasAttribute("data-unpublished") ? ""
          : (key in asked ? "" : (time && (key === "start" || key === "end") ? notation(time[key]) : valueOf(record, key)));
        if (!input.dataset.restored) input.value = key in asked && asked[key] ? asked[key] : value;
        div.dataset.original = value;
      });
      chosen.dataset.ready = "1";
    });
})();
