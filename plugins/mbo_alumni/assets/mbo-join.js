// The forms on /meedoen/ (templates/mbo-alumni/join-form.html). A submission is checked
// against the rules the page carries in #mbo-join-rules: the JSON Schemas generated from the
// data models, and the ids already in use. Every problem is shown beside its field, in Dutch.
// A valid entry gets a link to GitHub's new-issue page with every field filled in, and the
// YAML for whoever prefers to edit the data file. Nothing is sent anywhere by this script:
// the visitor follows the link. Without JavaScript the form is a plain GET form to GitHub.
(function () {
  "use strict";
  var rulesElement = document.getElementById("mbo-join-rules");
  if (!rulesElement) return;
  var RULES = JSON.parse(rulesElement.textContent);
  // The ids in use: a file of their own (RULES.ids, relative to this page), fetched when a
  // form is first sent, so the page stays small however large the data grows.
  var IDS = null;
  var idsRequest = null;
  function withIds(then) {
    if (!idsRequest) {
      idsRequest = fetch(RULES.ids, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (ids) { IDS = ids; }, function () { IDS = null; });
    }
    idsRequest.then(then);
  }

  // --- the schema -------------------------------------------------------------------------
  function resolve(schema, root) {
    // Follow $ref and take the non-null branch of anyOf, keeping the outer keywords.
    while (schema) {
      if (schema.$ref) {
        schema = root.$defs[schema.$ref.split("/").pop()];
      } else if (schema.anyOf) {
        // The non-null branch; of "one id or a list of ids" the list, which a form field fills.
        var branches = schema.anyOf.filter(function (s) { return s.type !== "null"; });
        var branch = branches.filter(function (s) { return s.type === "array"; })[0] || branches[0];
        var outer = Object.assign({}, schema);
        delete outer.anyOf;
        schema = Object.assign({}, branch, outer);
      } else {
        return schema;
      }
    }
    return {};
  }

  function fieldRule(root, key) {
    // Return {schema, parent, name} of a dotted data key such as contact.name.
    var parent = resolve(root.items, root);
    var parts = key.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      parent = resolve((parent.properties || {})[parts[i]], root);
    }
    var name = parts[parts.length - 1];
    return { schema: resolve((parent.properties || {})[name], root), parent: parent, name: name };
  }

  // --- wording ----------------------------------------------------------------------------
  // The words come from the site's catalogue (wording/nl.yaml, form.*), which a site's wording
  // file overrides; the page hands them over with the rules.
  function join(list) { return list.join(", "); }
  function say(key, fields) {
    return String(RULES.words[key]).replace(/\{(\w+)\}/g, function (_, name) {
      return String(fields[name]);
    });
  }
  var MESSAGES = {
    required: say("form.required"),
    email: say("form.email"),
    integer: say("form.integer"),
    day: say("form.day"),
    pattern: say("form.pattern"),
    letters: say("form.letters"),
  };
  function sentence(text) {
    text = String(text);
    return text.charAt(0).toUpperCase() + text.slice(1) + (/[.?!]$/.test(text) ? "" : ".");
  }

  // --- one value against its schema --------------------------------------------------------
  function realDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!m) return true;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function problem(value, schema) {
    if (schema.type === "integer") {
      if (typeof value !== "number") return MESSAGES.integer;
      if (schema.minimum !== undefined && value < schema.minimum) {
        return say("form.too_early", { minimum: schema.minimum });
      }
      if (schema.title === "Founded" && value > new Date().getFullYear()) {
        return say("form.future");
      }
      return null;
    }
    if (schema.type === "array") {
      var item = schema.items || {};
      for (var i = 0; i < value.length; i++) {
        var found = problem(value[i], item);
        if (found) return "'" + value[i] + "': " + found;
      }
      return null;
    }
    if (typeof value !== "string") return null;
    if (schema.enum && schema.enum.indexOf(value) < 0) {
      return say("form.choose_from", { choices: join(schema.enum) });
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      return say("form.too_short", { length: schema.minLength });
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      return say("form.too_long", { length: schema.maxLength, now: value.length });
    }
    if (schema.format === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return MESSAGES.email;
    if (schema["x-letters"] && !/[\p{L}\p{N}]/u.test(value)) return MESSAGES.letters;
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
      return schema["x-message"] ? sentence(schema["x-message"]) : MESSAGES.pattern;
    }
    if (schema.format === "uri") {
      try {
        var url = new URL(value);
        // webcal: only where the field's pattern allows it (a calendar's address; stored as https)
        if (!/^(https?|webcal):$/.test(url.protocol) || !url.hostname || /\s/.test(value)) {
          throw new Error();
        }
      } catch (e) {
        return sentence(schema["x-message"] || say("form.url"));
      }
    }
    if (schema.pattern && /^\^\\d\{4\}/.test(schema.pattern) && !realDay(value)) return MESSAGES.day;
    return null;
  }

  function holds(condition, object) {
    // The subset of JSON Schema the models' cross-field rules use: anyOf, required, const.
    if (condition.anyOf) return condition.anyOf.some(function (c) { return holds(c, object); });
    var present = (condition.required || []).every(function (k) { return object[k] !== undefined; });
    if (!present) return false;
    var props = condition.properties || {};
    return Object.keys(props).every(function (k) {
      return !("const" in props[k]) || object[k] === props[k].const;
    });
  }

  // --- reading the form --------------------------------------------------------------------
  function readField(div, rule) {
    var kind = div.dataset.kind;
    var input = div.querySelector("input:not([type=hidden]), textarea, select");
    if (kind === "checkboxes") return input.checked ? true : undefined;
    if (input.multiple) {
      // Several choices (themes), in words; the data has their ids.
      var chosen = Array.prototype.filter.call(input.options, function (o) { return o.selected; })
        .map(function (o) {
          var choices = RULES.choices[div.dataset.key] || {};
          return o.value in choices ? choices[o.value] : o.value;
        });
      return chosen.length ? chosen : undefined;
    }
    var text = input.value.trim();
    if (!text) return undefined;
    if (rule.schema.type === "array") {
      return text.split(/[,\n]/).map(function (s) { return s.trim(); }).filter(Boolean);
    }
    // The form's Dutch choices (bevestigd, afgelast, ...) stand for the data's values.
    // A choice may stand for 0 (maandag) or -1 (de laatste week): looked up, not or-ed.
    if (kind === "choice" && RULES.choices[div.dataset.key]) {
      var words = RULES.choices[div.dataset.key];
      return text in words ? words[text] : text;
    }
    if (rule.schema.type === "integer") return /^\d+$/.test(text) ? parseInt(text, 10) : text;
    return text;
  }

  function setPath(object, key, value) {
    var parts = key.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      object = object[parts[i]] = object[parts[i]] || {};
    }
    object[parts[parts.length - 1]] = value;
  }

  // --- what the form rewrites before checking: Dutch dates, tracking codes ---------------
  var DUTCH = /^(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})(?:,?\s+(?:om\s+)?(\d{1,2})[:.](\d{2})(?:\s*uur)?)?$/;
  function fromDutch(text) {
    var m = DUTCH.exec(text.trim());
    if (!m) return text;
    function two(n) { return (+n < 10 ? "0" : "") + +n; }
    return m[3] + "-" + two(m[2]) + "-" + two(m[1]) + (m[4] ? " " + two(m[4]) + ":" + m[5] : "");
  }
  // The parameters that only follow visitors: the same list intake uses (contrib/answers.py).
  var TRACKING = new RegExp("^(?:" + RULES.tracking + ")$", "i");
  function withoutTracking(text) {
    var url;
    try { url = new URL(text); } catch (e) { return text; }
    if (!/^https?:$/.test(url.protocol) || !url.search) return text;
    var kept = new URLSearchParams();
    url.searchParams.forEach(function (value, key) { if (!TRACKING.test(key)) kept.append(key, value); });
    var query = kept.toString();
    if (query === url.search.slice(1)) return text;
    return text.split(/[?#]/)[0] + (query ? "?" + query : "") + url.hash;
  }
  var WHEN_KEYS = ["start", "end", "repeat.until", "except", "cancelled"];
  function tidy(form, root) {
    // Returns what was rewritten, for the volunteer to see.
    var said = [];
    form.querySelectorAll(".mbo-field").forEach(function (div) {
      var input = div.querySelector("input[type=text], textarea");
      if (!input || !input.value.trim()) return;
      var before = input.value.trim(), after = before;
      if (WHEN_KEYS.indexOf(div.dataset.key) >= 0) {
        after = before.split(/\s*,\s*/).map(fromDutch).join(", ");
      } else if (fieldRule(root, div.dataset.key).schema.format === "uri") {
        after = withoutTracking(before);
      }
      if (after !== before) {
        input.value = after;
        said.push(WHEN_KEYS.indexOf(div.dataset.key) >= 0
          ? say("form.date_written", { label: label(div), value: after })
          : say("form.tracking", { label: label(div), value: after }));
        save(form);
      }
    });
    return said;
  }

  function check(form) {
    var file = form.dataset.form;
    var rules = RULES.forms[file];
    var root = rules.schema;
    var fields = Array.prototype.slice.call(form.querySelectorAll(".mbo-field"));
    var entry = {};
    var errors = [];
    var byKey = {};
    function fail(div, message) {
      if (!div || div.dataset.failed) return;
      div.dataset.failed = "1";
      errors.push({ div: div, message: message });
    }
    fields.forEach(function (div) {
      var rule = fieldRule(root, div.dataset.key);
      var value = readField(div, rule);
      byKey[div.dataset.key] = div;
      if (value === undefined) {
        if ((rule.parent.required || []).indexOf(rule.name) >= 0 && div.dataset.key.indexOf(".") < 0) {
          // A drop-down is chosen, not filled in: "Kies een provincie."
          fail(div, div.dataset.kind === "choice"
            ? say("form.choose", { label: label(div).toLowerCase() }) : MESSAGES.required);
        }
        return;
      }
      setPath(entry, div.dataset.key, value);
      var found = problem(value, rule.schema);
      if (found) fail(div, found);
    });
    // A link to join online makes the event online (with a place beside it: hybrid).
    if (entry.location && entry.location.url) entry.location.online = true;
    checkWhen(entry, byKey, fail);
    // Rules across fields, as the schemas state them (contact needs consent, online needs url).
    var model = resolve(root.items, root);
    Object.keys(model.properties || {}).forEach(function (name) {
      var sub = resolve(model.properties[name], root);
      if (!sub.if || typeof entry[name] !== "object" || Array.isArray(entry[name])) return;
      if (!holds(sub.if, entry[name]) || holds(sub.then, entry[name])) return;
      var keys = (sub.then.required || []).concat(Object.keys(sub.then.properties || {}));
      var div = keys.map(function (k) { return byKey[name + "." + k]; }).filter(Boolean)[0];
      fail(div, sentence(sub.then["x-form-message"] || sub.then["x-message"] || MESSAGES.required));
    });
    checkSeries(entry, byKey, fail);
    // Ids in use and references to other entries (when the list of ids could be fetched;
    // otherwise GitHub's check says it, after sending).
    var inUse = IDS && rules.taken ? IDS[rules.taken] : [];
    if (entry.id && inUse.indexOf(entry.id) >= 0) {
      fail(byKey.id, say("form.taken"));
    }
    // An organiser not on the site yet is fine while its own request is open: said, not refused.
    var pending = (entry.organizer || []).filter(function (id) {
      return IDS && IDS.associations.indexOf(id) < 0;
    });
    (entry.tags || []).forEach(function (id) {
      if (RULES.themes.length && RULES.themes.indexOf(id) < 0) {
        fail(byKey.tags, say("form.unknown_theme", { theme: id, choices: join(RULES.themes) }));
      }
    });
    return { entry: entry, errors: errors, fields: fields, pending: pending };
  }

  function checkWhen(entry, byKey, fail) {
    // What the validator says of dates: years 1900 to 2100, an end not before the start,
    // both of one kind. On a change form an end left as it was follows the new start.
    ["start", "end", "repeat.until"].forEach(function (key) {
      var div = byKey[key], value = key === "repeat.until" ? (entry.repeat || {}).until : entry[key];
      var m = /^(\d{4})-/.exec(typeof value === "string" ? value : "");
      if (div && m && (+m[1] < 1900 || +m[1] > 2100)) {
        fail(div, say("form.year", { year: m[1] }));
      }
    });
    var start = entry.start, end = entry.end;
    if (typeof start !== "string" || typeof end !== "string" || !byKey.end) return;
    if (byKey.end.dataset.original !== undefined && unchanged(byKey.end)) return;
    var timed = /\d:\d\d/;
    if (timed.test(start) !== timed.test(end)) {
      fail(byKey.end, say("form.kinds"));
    } else if (end.slice(0, 16) < start.slice(0, 16)) {
      fail(byKey.end, say("form.end_before"));
    }
  }

  function nameOf(key, value) {
    // The form's word for a data value (dinsdag for tuesday, eerste for 1).
    var words = RULES.choices[key] || {};
    return Object.keys(words).filter(function (w) { return words[w] === value; })[0] || value;
  }

  function checkSeries(entry, byKey, fail) {
    // The validator's rules on `repeat` taken together, so the volunteer hears them here.
    var r = entry.repeat, say = RULES.series;
    if (!r || typeof r !== "object") return;
    if (r.every === undefined) return fail(byKey["repeat.every"], say.every);
    if (r.until !== undefined && r.count !== undefined) fail(byKey["repeat.count"], say.both);
    if (r.until === undefined && r.count === undefined) fail(byKey["repeat.until"], say.end);
    if (r.every === "year" && (r.weekday !== undefined || r.week !== undefined)) {
      return fail(byKey["repeat.weekday"], say.year);
    }
    if (r.week !== undefined && (r.every !== "month" || r.weekday === undefined)) {
      return fail(byKey["repeat.week"], say.week);
    }
    if (r.every === "month" && r.weekday !== undefined && r.week === undefined) {
      return fail(byKey["repeat.week"], say.needsWeek);
    }
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof entry.start === "string" ? entry.start : "");
    if (r.weekday === undefined || !m || !realDay(entry.start)) return;
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    var wanted = (Object.values(RULES.choices["repeat.weekday"]).indexOf(r.weekday) + 1) % 7;
    var dayName = nameOf("repeat.weekday", r.weekday);
    if (day.getUTCDay() !== wanted) return fail(byKey.start, say.weekday.replace("{day}", dayName));
    if (r.week === undefined) return;
    var last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    var fits = r.week === -1 ? +m[3] + 7 > last : Math.ceil(+m[3] / 7) === r.week;
    if (!fits) {
      fail(byKey.start, say.nth.replace("{week}", nameOf("repeat.week", r.week)).replace("{day}", dayName));
    }
  }

  // --- showing the outcome -----------------------------------------------------------------
  function label(div) {
    var element = div.querySelector("legend") || div.querySelector("label");
    return element.textContent.replace(/\s*\*$/, "").trim();
  }

  function clear(form, section) {
    form.querySelectorAll(".mbo-field").forEach(function (div) {
      delete div.dataset.failed;
      var error = div.querySelector(".mbo-field__error");
      error.hidden = true;
      error.textContent = "";
      var input = div.querySelector("input:not([type=hidden]), textarea, select");
      input.removeAttribute("aria-invalid");
    });
    var summary = form.querySelector(".mbo-join__summary");
    summary.hidden = true;
    summary.textContent = "";
    section.querySelector(".mbo-join__result").hidden = true;
  }

  function showErrors(form, errors) {
    var summary = form.querySelector(".mbo-join__summary");
    var intro = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = errors.length === 1
      ? say("form.one_wrong")
      : say("form.many_wrong", { count: errors.length });
    intro.appendChild(strong);
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var input = error.div.querySelector("input:not([type=hidden]), textarea, select");
      input.setAttribute("aria-invalid", "true");
      var text = error.div.querySelector(".mbo-field__error");
      text.textContent = error.message;
      text.hidden = false;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + input.id;
      link.textContent = label(error.div) + ": " + error.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(intro);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function yaml(entry, stamp) {
    // JSON strings are valid YAML double-quoted strings, so every text stays exactly itself.
    var lines = [];
    function scalar(value) {
      if (Array.isArray(value)) return "[" + value.map(scalar).join(", ") + "]";
      return typeof value === "string" ? JSON.stringify(value) : String(value);
    }
    function emit(object, indent) {
      Object.keys(object).forEach(function (key) {
        var value = object[key];
        if (value && typeof value === "object" && !Array.isArray(value)) {
          lines.push(indent + key + ":");
          emit(value, indent + "  ");
        } else {
          lines.push(indent + key + ": " + scalar(value));
        }
      });
    }
    emit(entry, "  ");
    lines.push("  " + stamp + ": " + today()); // a date, as in the data files
    lines[0] = "- " + lines[0].slice(2);
    return lines.join("\n") + "\n";
  }

  function answered(form, fields, skip) {
    // [{div, value}] of what the request carries: a change form sends which entry, whether
    // it is cancelled, and only the fields that changed.
    var found = [];
    fields.forEach(function (div) {
      if (skip.indexOf(div) >= 0) return;
      if (form.dataset.change && unchanged(div) && ["id", "change"].indexOf(div.dataset.key) < 0) {
        return;
      }
      var input = div.querySelector("input:not([type=hidden]), textarea, select");
      var value = "";
      if (div.dataset.kind === "checkboxes") {
        value = input.checked ? "- [X] " + input.nextElementSibling.textContent : "";
      } else if (input.multiple) {
        value = Array.prototype.filter.call(input.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; }).join(", ");
      } else {
        value = input.value.trim();
      }
      if (value) found.push({ div: div, value: value });
    });
    return found;
  }

  function issueUrl(form, rules, fields, skip, entry) {
    var params = new URLSearchParams();
    params.set("template", form.dataset.form);
    params.set("title", rules.title + (entry.name || entry.title || entry.id || ""));
    answered(form, fields, skip).forEach(function (item) {
      // GitHub fills only text fields from a link: a box is ticked there (see the notes).
      if (item.div.dataset.kind !== "checkboxes") params.set(item.div.dataset.field, item.value);
    });
    return form.action + "?" + params.toString();
  }

  function mailText(form, rules, fields) {
    // The same request as the issue, readable for a person, in the layout GitHub gives an
    // issue ("### label", then the answer), so `mbo-alumni from-mail` reads it the same way.
    // Not from the catalogue: from-mail reads these words, whatever the site calls things.
    var lines = ["Soort verzoek: " + rules.name, "",
      "Dit verzoek is gemaakt met het formulier op de site. Laat de regels die met ### " +
      "beginnen staan: zo leest de site wat waar hoort.", ""];
    answered(form, fields, []).forEach(function (item) {
      var heading = item.div.querySelector("legend") || item.div.querySelector("label");
      lines.push("### " + heading.textContent.replace(/\s*\*$/, "").trim(), "", item.value, "");
    });
    return lines.join("\n");
  }

  function current(div) {
    var input = div.querySelector("input:not([type=hidden]), textarea, select");
    return input ? input.value.trim() : "";
  }
  function unchanged(div) {
    return div.dataset.original !== undefined && current(div) === div.dataset.original.trim();
  }
  function changes(fields) {
    return fields.filter(function (div) {
      return ["id", "change"].indexOf(div.dataset.key) < 0 && !unchanged(div) &&
        (div.dataset.original !== undefined || current(div));
    });
  }

  function note(container, text, value) {
    var p = document.createElement("p");
    p.textContent = text;
    container.appendChild(p);
    if (value !== undefined) {
      var area = document.createElement("textarea");
      area.readOnly = true;
      area.rows = 5;
      area.value = value;
      area.setAttribute("aria-label", text);
      container.appendChild(area);
    }
  }

  function showResult(form, section, outcome) {
    var rules = RULES.forms[form.dataset.form];
    if (form.dataset.change) {
      var list = section.querySelector(".mbo-join__changes");
      list.textContent = "";
      var changed = changes(outcome.fields);
      var action = outcome.fields.filter(function (d) { return d.dataset.key === "change"; })[0];
      if (action && action.dataset.original !== undefined && !unchanged(action)) changed.push(action);
      changed.forEach(function (div) {
        var item = document.createElement("li");
        var old = div.dataset.original === undefined || div.dataset.original === ""
          ? say("form.not_filled") : div.dataset.original;
        var name = label(div).replace(/^Nieuwe? /, "");
        item.textContent = div.dataset.key === "change"
          ? say("form.cancelled")
          : say("form.becomes", { field: name.charAt(0).toUpperCase() + name.slice(1), old: old,
                                  new: current(div) || say("form.emptied") });
        list.appendChild(item);
      });
      if (!changed.length) {
        showErrors(form, [{ div: outcome.fields[0], message: say("form.nothing_changed") }]);
        return;
      }
    }
    var fields = outcome.fields;
    var skip = [];
    var url = issueUrl(form, rules, fields, skip, outcome.entry);
    var notes = section.querySelector(".mbo-join__notes");
    notes.textContent = "";
    if (url.length > RULES.maxUrl) {
      // GitHub refuses very long addresses (414): the long texts go by copy and paste.
      fields.forEach(function (div) { if (div.dataset.kind === "textarea") skip.push(div); });
      url = issueUrl(form, rules, fields, skip, outcome.entry);
      skip.forEach(function (div) {
        var value = div.querySelector("textarea").value.trim();
        if (value) {
          note(notes, say("form.too_long_to_send", { label: label(div) }), value);
        }
      });
    }
    (outcome.said || []).forEach(function (text) { note(notes, text); });
    if (outcome.pending.length) {
      note(notes, say("form.pending", { ids: outcome.pending.join(", ") }));
    }
    fields.forEach(function (div) {
      var input = div.querySelector("input:not([type=hidden]), textarea, select");
      if (div.dataset.kind === "checkboxes" && input.checked) {
        note(notes, say("form.tick", { label: label(div) }) +
          (RULES.email ? " " + say("form.tick_mail") : ""));
      }
    });
    var link = section.querySelector(".mbo-join__link");
    link.href = url;
    var mail = section.querySelector(".mbo-join__mail");
    if (mail && RULES.email) {
      var subject = rules.title + (outcome.entry.name || outcome.entry.title || outcome.entry.id || "");
      var text = mailText(form, rules, fields);
      mail.href = "mailto:" + RULES.email + "?subject=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(text);
      section.querySelector(".mbo-join__subject").textContent = subject;
      section.querySelector(".mbo-join__mailtext textarea").value = text;
    }
    var preview = section.querySelector(".mbo-join__yaml code");  // not on change forms
    if (preview) preview.textContent = yaml(outcome.entry, rules.stamp);
    var result = section.querySelector(".mbo-join__result");
    result.hidden = false;
    result.focus();
  }

  // --- nothing typed is lost: a draft per form in this tab, until it is sent ---------------
  function draftKey(form) {
    var change = form.dataset.change;
    var ident = change ? new URLSearchParams(location.search).get(change) || "" : "";
    return "mbo-alumni:" + form.dataset.form + ":" + ident;
  }
  function save(form) {
    var values = {};
    form.querySelectorAll(".mbo-field").forEach(function (div) {
      var input = div.querySelector("input:not([type=hidden]), textarea, select");
      if (input.type === "checkbox") values[div.dataset.field] = input.checked;
      else if (input.multiple) {
        values[div.dataset.field] = Array.prototype.filter.call(input.options, function (o) {
          return o.selected; }).map(function (o) { return o.value; });
      } else values[div.dataset.field] = input.value;
    });
    try { sessionStorage.setItem(draftKey(form), JSON.stringify(values)); } catch (e) { /* full or off */ }
  }
  function draft(form) {
    try { return JSON.parse(sessionStorage.getItem(draftKey(form)) || "null"); } catch (e) { return null; }
  }
  function restore(form) {
    var values = draft(form);
    if (!values) return;
    form.querySelectorAll(".mbo-field").forEach(function (div) {
      if (!(div.dataset.field in values)) return;
      var input = div.querySelector("input:not([type=hidden]), textarea, select");
      var value = values[div.dataset.field];
      if (input.type === "checkbox") input.checked = !!value;
      else if (input.multiple) {
        Array.prototype.forEach.call(input.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
      } else input.value = value;
      input.dataset.restored = "1"; // mbo-change.js leaves it as the volunteer left it
    });
  }
  function forget(form) {
    try { sessionStorage.removeItem(draftKey(form)); } catch (e) { /* off */ }
  }

  // With this script the checks happen here, at once; the page says so (without it, on GitHub).
  document.querySelectorAll("[data-mbo-checks]").forEach(function (p) {
    p.textContent = p.dataset.mboChecks;
  });
  document.querySelectorAll(".mbo-join__form").forEach(function (form) {
    var section = form.closest(".mbo-join");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      withIds(function () {
        clear(form, section);
        var said = tidy(form, RULES.forms[form.dataset.form].schema);
        var outcome = check(form);
        outcome.said = said;
        if (outcome.errors.length) {
          showErrors(form, outcome.errors);
        } else {
          showResult(form, section, outcome);
        }
        form.dataset.checked = String(Number(form.dataset.checked || 0) + 1); // for the tests
      });
    });
    restore(form);
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });
    section.querySelectorAll(".mbo-join__link, .mbo-join__mail").forEach(function (link) {
      link.addEventListener("click", function () { forget(form); });
    });
    // The ids are asked for as soon as the form is used, so they are there when it is sent.
    form.addEventListener("focusin", function () { withIds(function () {}); }, { once: true });
  });
})();
