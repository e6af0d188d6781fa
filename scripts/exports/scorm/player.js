/* SCORM 1.2 player for one training module: the test from the quiz model, scored by the site's rule.
 *
 * The page carries the questions as <script type="application/json" id="toets-data">, written by
 * scripts/exports/scorm_export.py from scripts/model/quiz_model.py. Inside a learning platform the player finds the
 * SCORM 1.2 API (window.API in a parent frame or the opener) and reports:
 *   cmi.core.lesson_status  "incomplete" at the start, "passed" or "failed" once every question is
 *                           answered (passed at the share of right answers in data.threshold);
 *                           a "passed" is never taken back by a later try;
 *   cmi.core.score.raw      percentage right (0-100), with score.min 0 and score.max 100; the best
 *                           score stays (a later, lower try does not overwrite it);
 *   cmi.suspend_data        the answers, keyed by question id and option key (not by position), so the
 *                           learner resumes where they were on the next visit;
 *   cmi.core.exit           "suspend" while unfinished; cmi.core.session_time; LMSCommit, LMSFinish.
 * In review mode (cmi.core.lesson_mode "review") the learner sees the saved answers and nothing is
 * written: status, score and saved answers stay as the platform has them.
 * Without a platform the same answers are kept in this browser's localStorage, as on the site.
 * No request goes anywhere: no fetch, no images, no fonts.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("toets-data").textContent);
  var questions = data.questions;
  var byId = {};
  questions.forEach(function (q) { byId[q.id] = q; });
  var answers = {}; // question id -> list of option keys, or the typed text
  var started = new Date();
  var finished = false;
  var everPassed = false;
  var review = false;
  var bestScore = -1; // the highest score.raw the platform has; a later try never lowers it
  var storeKey = "veilig-op-school:scorm:" + data.module;

  // --- the SCORM 1.2 API, or local storage ---------------------------------------------------------

  function findApi(win) {
    for (var i = 0; win && i < 12; i++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) {
        return null; // a frame of another origin: stop looking up this chain
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findApi(window);
  if (!api && window.opener) api = findApi(window.opener);

  function get(name) {
    var value = api.LMSGetValue(name);
    return value === null || value === undefined ? "" : String(value);
  }

  function set(name, value) {
    api.LMSSetValue(name, String(value));
  }

  function local() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function parseSaved(raw) {
    if (typeof raw !== "string" || !raw) return {};
    try {
      var saved = JSON.parse(raw);
      return saved && saved.v === 1 && saved.a && typeof saved.a === "object" ? saved.a : {};
    } catch (e) {
      return {};
    }
  }

  // Only answers that still fit the question as it is now: a changed option drops the answer.
  function restore(saved) {
    Object.keys(saved).forEach(function (id) {
      var q = byId[id];
      var value = saved[id];
      if (!q) return;
      if (q.kind === "invullen") {
        if (typeof value === "string" && value.trim()) answers[id] = value.slice(0, 100);
        return;
      }
      if (!Array.isArray(value) || !value.length) return;
      var keys = q.options.map(function (o) { return o.key; });
      if (value.every(function (k) { return keys.indexOf(k) >= 0; })) {
        answers[id] = q.kind === "enkelvoudig" ? value.slice(0, 1) : value;
      }
    });
  }

  function serialize() {
    return JSON.stringify({ v: 1, a: answers });
  }

  function isCorrect(q, answer) {
    if (answer === undefined) return false;
    if (q.kind === "invullen") return normalize(answer) === normalize(q.answer);
    var right = q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.key; });
    return answer.length === right.length && right.every(function (k) { return answer.indexOf(k) >= 0; });
  }

  function normalize(text) {
    return String(text).replace(/\s+/g, " ").trim().toLowerCase();
  }

  function tally() {
    var answered = 0;
    var right = 0;
    questions.forEach(function (q) {
      if (answers[q.id] === undefined) return;
      answered += 1;
      if (isCorrect(q, answers[q.id])) right += 1;
    });
    var complete = answered === questions.length;
    return {
      answered: answered,
      right: right,
      complete: complete,
      score: Math.round((100 * right) / questions.length),
      passed: complete && right / questions.length >= data.threshold,
    };
  }

  function timespan(ms) {
    var s = Math.max(0, ms) / 1000;
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = (s % 60).toFixed(2);
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(sec, 5);
  }

  function start() {
    if (api) {
      api.LMSInitialize("");
      review = get("cmi.core.lesson_mode") === "review";
      var status = get("cmi.core.lesson_status");
      everPassed = status === "passed";
      var raw = parseFloat(get("cmi.core.score.raw"));
      bestScore = isNaN(raw) ? -1 : raw;
      if (!review && (status === "" || status === "not attempted")) set("cmi.core.lesson_status", "incomplete");
      restore(parseSaved(get("cmi.suspend_data")));
      api.LMSCommit("");
    } else {
      var store = local();
      var raw = store ? store.getItem(storeKey) : null;
      restore(parseSaved(raw));
      try { everPassed = JSON.parse(raw || "{}").passed === true; } catch (e) { everPassed = false; }
    }
  }

  function save() {
    var t = tally();
    if (t.passed && !review) everPassed = true;
    if (api && review) {
      // nothing is written in review mode
    } else if (api) {
      set("cmi.suspend_data", serialize());
      if (t.complete && t.score > bestScore) {
        bestScore = t.score;
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", t.score);
      }
      var status = everPassed ? "passed" : t.complete ? "failed" : "incomplete";
      set("cmi.core.lesson_status", status);
      api.LMSCommit("");
    } else {
      var store = local();
      if (store) {
        try {
          store.setItem(storeKey, JSON.stringify({ v: 1, a: answers, passed: everPassed }));
        } catch (e) { /* storage full or blocked: the page still works, without memory */ }
      }
    }
    showResult(t);
  }

  function finish() {
    if (finished || !api) return;
    finished = true;
    var t = tally();
    if (!review) set("cmi.core.exit", t.complete ? "" : "suspend");
    set("cmi.core.session_time", timespan(new Date() - started));
    api.LMSCommit("");
    api.LMSFinish("");
  }

  // --- the page ----------------------------------------------------------------------------------

  var root = document.getElementById("pakket-toets");
  var result = document.getElementById("pakket-uitslag");

  function el(tag, attrs, html) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function render() {
    var lastCase = null;
    questions.forEach(function (q, index) {
      if (q.case && q.case.id !== lastCase) {
        var box = el("div", { class: "casus" });
        box.appendChild(el("p", { class: "admonition-title" }, "Casus: " + q.case.title_html));
        box.appendChild(el("div", {}, q.case.html));
        root.appendChild(box);
      }
      lastCase = q.case ? q.case.id : null;
      root.appendChild(renderQuestion(q, index));
    });
  }

  function renderQuestion(q, index) {
    var base = "v-" + q.id;
    var section = el("section", { class: "vraag", id: "vraag-" + q.id, "data-vraag": q.id, "aria-labelledby": base + "-kop" });
    section.appendChild(el("h3", { id: base + "-kop" }, "Vraag " + (index + 1)));
    var text = el("div", { class: "tekst", id: base + "-tekst" }, q.text_html);
    section.appendChild(text);
    var form = el("form", { novalidate: "" });
    if (q.kind === "invullen") {
      var spot = text.querySelector(".invul-plek");
      var input = el("input", {
        type: "text", class: "invul", id: base + "-invul", maxlength: "100", autocomplete: "off",
        "aria-labelledby": base + "-kop " + base + "-tekst",
      });
      if (spot) spot.replaceWith(input); else text.appendChild(input);
    } else {
      var fieldset = el("fieldset", { "aria-labelledby": base + "-tekst" });
      fieldset.appendChild(el("legend", {}, q.kind === "enkelvoudig" ? "Kies één antwoord." : "Kies alle goede antwoorden."));
      q.options.forEach(function (o) {
        var id = base + "-" + o.key;
        var row = el("div", { class: "keuze", "data-optie": o.key });
        row.appendChild(el("input", { type: q.kind === "enkelvoudig" ? "radio" : "checkbox", name: base, value: o.key, id: id }));
        row.appendChild(el("label", { for: id }, o.text_html));
        fieldset.appendChild(row);
        var fb = el("div", { class: "optie-feedback verborgen", "data-feedback": o.key }, o.feedback_html || "");
        fieldset.appendChild(fb);
      });
      form.appendChild(fieldset);
    }
    var button = el("button", { type: "submit", class: "controleer" }, "Controleer");
    form.appendChild(button);
    var verdict = el("p", { class: "uitslag-vraag", role: "status", "aria-live": "polite" });
    form.appendChild(verdict);
    var explanation = el("div", { class: "uitleg verborgen" }, q.explanation_html + readMore(q));
    form.appendChild(explanation);
    section.appendChild(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = readAnswer(q, section);
      if (answer === undefined) {
        verdict.className = "uitslag-vraag";
        verdict.textContent = q.kind === "invullen" ? "Vul eerst een antwoord in." : "Kies eerst een antwoord.";
        return;
      }
      answers[q.id] = answer;
      showAnswer(q, section);
      save();
    });
    return section;
  }

  function readMore(q) {
    if (!q.read.length) return "";
    return "<p>Lees meer: " + q.read.map(function (r) {
      var external = r.href.charAt(0) !== "#";
      return '<a href="' + r.href + '"' + (external ? ' target="_blank" rel="noopener"' : "") + ">" + r.title + "</a>";
    }).join(", ") + ".</p>";
  }

  function readAnswer(q, section) {
    if (q.kind === "invullen") {
      var value = section.querySelector("input.invul").value;
      return value.trim() ? value.trim().slice(0, 100) : undefined;
    }
    var picked = [];
    section.querySelectorAll("input[name='v-" + q.id + "']").forEach(function (input) {
      if (input.checked) picked.push(input.value);
    });
    return picked.length ? picked : undefined;
  }

  function showAnswer(q, section) {
    var answer = answers[q.id];
    var ok = isCorrect(q, answer);
    section.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    section.querySelector("button.controleer").disabled = true;
    if (q.kind === "invullen") {
      section.querySelector("input.invul").value = answer;
    } else {
      q.options.forEach(function (o) {
        var row = section.querySelector("[data-optie='" + o.key + "']");
        var input = row.querySelector("input");
        input.checked = answer.indexOf(o.key) >= 0;
        row.classList.toggle("is-goed", o.correct);
        row.classList.toggle("is-fout", input.checked && !o.correct);
        // Said in words too, not by colour alone.
        var label = row.querySelector("label");
        var mark = row.querySelector(".markering") ||
          (label.querySelector("p:last-child") || label).appendChild(el("span", { class: "markering" }));
        mark.textContent = o.correct ? " (goed antwoord)" : input.checked ? " (jouw keuze, niet goed)" : "";
        var fb = section.querySelector("[data-feedback='" + o.key + "']");
        fb.classList.toggle("verborgen", !(input.checked && o.feedback_html));
      });
    }
    var verdict = section.querySelector(".uitslag-vraag");
    verdict.className = "uitslag-vraag " + (ok ? "goed" : "fout");
    verdict.textContent = ok ? "Goed." : q.kind === "invullen" ? "Niet goed. Het antwoord is: " + q.answer + "." : "Niet goed.";
    section.querySelector(".uitleg").classList.remove("verborgen");
  }

  function showResult(t) {
    var pct = Math.round(data.threshold * 100);
    var lines = [
      "Je hebt " + t.answered + " van de " + questions.length + " vragen beantwoord. " + t.right + " daarvan zijn goed.",
    ];
    if (t.complete) {
      lines.push(t.passed
        ? "Je hebt de module gehaald: " + t.score + "% goed."
        : "Je hebt de module nog niet gehaald: " + t.score + "% goed. Je hebt minstens " + pct + "% goed nodig.");
    } else {
      lines.push("Beantwoord alle vragen. Je haalt de module met minstens " + pct + "% goed.");
    }
    if (everPassed && !t.passed) lines.push("Je hebt deze module al eerder gehaald. Dat blijft zo.");
    result.querySelector(".uitslag-tekst").innerHTML = lines.map(function (l) { return "<p>" + l + "</p>"; }).join("");
    result.setAttribute("data-status", t.passed || everPassed ? "passed" : t.complete ? "failed" : "incomplete");
    result.setAttribute("data-score", t.complete ? String(t.score) : "");
  }

  function reset() {
    answers = {};
    root.innerHTML = "";
    render();
    save();
    root.querySelector("input, button").focus();
  }

  start();
  document.getElementById("pakket-melding").textContent = api
    ? "Je antwoorden en je uitslag gaan naar je leeromgeving. Stop je halverwege? Dan ga je de volgende keer verder waar je was."
    : "Je opent dit pakket buiten een leeromgeving. Je antwoorden worden alleen in deze browser bewaard.";
  render();
  questions.forEach(function (q) {
    if (answers[q.id] !== undefined) showAnswer(q, document.getElementById("vraag-" + q.id));
  });
  showResult(tally());
  result.querySelector(".opnieuw").addEventListener("click", reset);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
