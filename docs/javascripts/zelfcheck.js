// Zelfcheck: a summary of the advice for the given answers, in the page only. Nothing is sent
// anywhere; answers are kept in localStorage only when the visitor ticks "Bewaar mijn
// antwoorden". Every answer's advice stands in the page itself (dd[data-answer]), so without
// JavaScript, and on paper, the form reads as a checklist with its advice.
(function () {
  "use strict";
  var STORAGE_KEY = "mbo-alumni-zelfcheck";

  function siteBase() {
    // Material writes its configuration, with the relative site root, into #__config.
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var result = document.querySelector(".mbo-zelfcheck__result");
    var list = result.querySelector(".mbo-zelfcheck__advice");
    var score = result.querySelector(".mbo-zelfcheck__score");
    var remember = form.querySelector("[data-mbo-remember]");
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset"));
    var base = siteBase();
    form.querySelector(".mbo-zelfcheck__controls").hidden = false;

    function answers() {
      var data = {};
      fieldsets.forEach(function (fieldset) {
        var checked = fieldset.querySelector("input[type=radio]:checked");
        if (checked) data[checked.name] = checked.value;
      });
      return data;
    }

    function save() {
      try {
        if (remember.checked) {
          window.localStorage.setItem(STORAGE_KEY, JSON.stringify(answers()));
        } else {
          window.localStorage.removeItem(STORAGE_KEY);
        }
      } catch (error) {
        // Storage can be blocked; the check still works without it.
      }
    }

    function render() {
      var data = answers();
      var answered = 0;
      var yes = 0;
      list.textContent = "";
      fieldsets.forEach(function (fieldset) {
        var name = fieldset.querySelector("input[type=radio]").name;
        if (!(name in data)) return;
        answered += 1;
        if (data[name] === "ja") yes += 1;
        var item = document.createElement("li");
        item.className = data[name] === "ja" ? "mbo-advice--yes" : "mbo-advice--no";
        var question = document.createElement("strong");
        question.textContent = fieldset.querySelector("legend").textContent + " ";
        item.appendChild(question);
        // The advice is the page's own text for that answer (visible without JavaScript too).
        var advice = fieldset.querySelector("dd[data-answer='" + data[name] + "']");
        item.appendChild(document.createTextNode(advice.firstChild.textContent.trim() + " "));
        var link = document.createElement("a");
        link.href = new URL(fieldset.dataset.link, base).href;
        link.textContent = "Lees: " + fieldset.dataset.linkText;
        item.appendChild(link);
        list.appendChild(item);
      });
      score.textContent =
        answered === 0
          ? ""
          : "Je beantwoordde " + answered + " van de " + fieldsets.length +
            " vragen. " + yes + " keer ja.";
      result.hidden = answered === 0;
    }

    try {
      var stored = window.localStorage.getItem(STORAGE_KEY);
      if (stored) {
        var data = JSON.parse(stored);
        remember.checked = true;
        Object.keys(data).forEach(function (name) {
          var input = form.querySelector(
            "input[name='" + name + "'][value='" + data[name] + "']"
          );
          if (input) input.checked = true;
        });
      }
    } catch (error) {
      // Ignore unreadable or blocked storage.
    }

    form.addEventListener("change", function () {
      render();
      save();
    });
    // The advice follows every answer; the button takes the visitor to it.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      render();
      save();
      var heading = result.querySelector("h2");
      if (!result.hidden && heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      } else {
        // Nothing answered yet: back to the first question.
        form.querySelector("input[type=radio]").focus();
      }
    });
    result.querySelector("[data-mbo-print]").addEventListener("click", function () {
      window.print();
    });
    result.querySelector("[data-mbo-reset]").addEventListener("click", function () {
      form.reset();
      remember.checked = false;
      save();
      render();
    });
    render();
  }

  function run() {
    var form = document.querySelector("form[data-mbo-zelfcheck]");
    if (form) setup(form);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
