/* Training progress ("Mijn voortgang"), module status badges and the certificate of participation.
 *
 * Reads only what mkdocs-quiz itself stores in this browser: localStorage key
 * "quiz_progress_" + the module page's pathname, value {"quiz-<question id>": {"answered": true, ...}}.
 * The keys are the questions' ids from the bank (scripts/model/quiz_model.py key_by_question_id), so saved
 * answers stay with their questions when a bank is edited; entries of deleted questions are dropped.
 * The module list (page link, question count, duration) is written into the page at build time by
 * scripts/build/quiz_pages.py as <script type="application/json" id="toets-modules">.
 * Nothing is sent anywhere and nothing new is stored: the name on the certificate stays in the form.
 * Broken or foreign data in localStorage is ignored, never trusted.
 */
(function () {
  "use strict";

  var PREFIX = "quiz_progress_";
  var LABELS = { "niet-begonnen": "Niet begonnen", bezig: "Bezig", afgerond: "Afgerond" };

  function readModules(doc) {
    var el = doc.getElementById("toets-modules");
    if (!el) return null;
    var data;
    try {
      data = JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
    if (!data || !Array.isArray(data.modules)) return null;
    var threshold = typeof data.drempel === "number" && data.drempel > 0 && data.drempel <= 1 ? data.drempel : 0.8;
    var modules = data.modules.filter(function (m) {
      return (
        m && typeof m.id === "string" && typeof m.titel === "string" && typeof m.url === "string" &&
        typeof m.vragen === "number" && m.vragen > 0 &&
        Array.isArray(m.sleutels) && m.sleutels.length === m.vragen
      );
    });
    return { threshold: threshold, modules: modules };
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage blocked (privacy settings): everything shows as not started
    }
  }

  // The keys mkdocs-quiz may have used for a module page (with and without index.html).
  function keysFor(mod) {
    var path;
    try {
      path = new URL(mod.url, window.location.href).pathname;
    } catch (e) {
      return [];
    }
    var keys = [PREFIX + path];
    if (path.slice(-1) === "/") keys.push(PREFIX + path + "index.html");
    return keys;
  }

  function readStored(key) {
    var store = storage();
    if (!store) return null;
    try {
      var raw = store.getItem(key);
      if (typeof raw !== "string" || raw.length > 50000) return null;
      var parsed = JSON.parse(raw);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
      return parsed;
    } catch (e) {
      return null;
    }
  }

  function progress(mod, threshold) {
    var best = { answered: 0, correct: 0 };
    keysFor(mod).forEach(function (key) {
      var stored = readStored(key);
      if (!stored) return;
      var answered = 0;
      var correct = 0;
      // Only the questions the module has now: other entries are left-overs of an older bank.
      for (var i = 0; i < mod.sleutels.length; i++) {
        var entry = stored[mod.sleutels[i]];
        if (!entry || typeof entry !== "object" || entry.answered !== true) continue;
        answered++;
        if (entry.correct === true) correct++;
      }
      if (answered > best.answered) best = { answered: answered, correct: correct };
    });
    var state = "niet-begonnen";
    if (best.answered > 0) state = "bezig";
    if (best.answered === mod.vragen && best.correct >= Math.ceil(threshold * mod.vragen - 1e-9)) state = "afgerond";
    return { state: state, answered: best.answered, correct: best.correct, total: mod.vragen };
  }

  // The detail next to the status badge (the badge itself says the state).
  function describe(p, threshold) {
    if (p.state === "niet-begonnen") return "nog geen vragen beantwoord";
    if (p.state === "afgerond") return p.correct + " van " + p.total + " goed";
    if (p.answered === p.total) {
      return "alle vragen beantwoord, " + p.correct + " van " + p.total + " goed; je hebt er " +
        Math.ceil(threshold * p.total - 1e-9) + " nodig. Wis je antwoorden en probeer het opnieuw.";
    }
    return p.answered + " van " + p.total + " vragen beantwoord";
  }

  function el(doc, tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function badge(doc, p, threshold) {
    var span = el(doc, "span", { class: "module-badge module-badge--" + p.state }, LABELS[p.state]);
    span.setAttribute("title", LABELS[p.state] + ": " + describe(p, threshold));
    return span;
  }

  // Status badges on any page with <span class="module-status" data-module="..."> (the module index).
  function fillBadges(doc, data) {
    doc.querySelectorAll(".module-status[data-module]").forEach(function (slot) {
      var mod = data.modules.filter(function (m) {
        return m.id === slot.getAttribute("data-module");
      })[0];
      if (!mod) return;
      var p = progress(mod, data.threshold);
      slot.textContent = "";
      slot.appendChild(badge(doc, p, data.threshold));
      if (p.state === "bezig") slot.appendChild(doc.createTextNode(" " + p.answered + " van " + p.total));
    });
  }

  function renderTable(doc, data, root) {
    root.textContent = "";
    var table = el(doc, "table"); // no class: Material styles plain tables
    var caption = el(doc, "caption", {}, "Je voortgang per module (alleen in deze browser)");
    table.appendChild(caption);
    var head = el(doc, "tr");
    ["Module", "Status", "Goed", "Wissen"].forEach(function (h) {
      head.appendChild(el(doc, "th", { scope: "col" }, h));
    });
    var thead = el(doc, "thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el(doc, "tbody");
    data.modules.forEach(function (mod) {
      var p = progress(mod, data.threshold);
      var row = el(doc, "tr", { "data-module": mod.id, "data-status": p.state });
      var name = el(doc, "td");
      name.appendChild(el(doc, "a", { href: mod.url }, mod.titel));
      row.appendChild(name);
      var status = el(doc, "td", { class: "voortgang-status" });
      status.appendChild(badge(doc, p, data.threshold));
      status.appendChild(el(doc, "span", { class: "voortgang-uitleg" }, " " + describe(p, data.threshold)));
      row.appendChild(status);
      row.appendChild(el(doc, "td", {}, p.answered ? p.correct + " van " + p.total : "–"));
      var cell = el(doc, "td");
      var button = el(doc, "button", { type: "button", class: "md-button voortgang-wis" }, "Wis");
      button.setAttribute("aria-label", "Wis je antwoorden van " + mod.titel);
      button.disabled = p.state === "niet-begonnen";
      button.addEventListener("click", function () {
        if (!window.confirm("Je antwoorden van '" + mod.titel + "' wissen? Dit kun je niet ongedaan maken.")) return;
        var store = storage();
        keysFor(mod).forEach(function (key) {
          try {
            if (store) store.removeItem(key);
          } catch (e) {
            /* nothing to clear */
          }
        });
        refresh(doc, data);
        var first = root.querySelector("button:not([disabled])") || root.querySelector("a");
        if (first) first.focus();
        announce(doc, "Je antwoorden van " + mod.titel + " zijn gewist.");
      });
      cell.appendChild(button);
      row.appendChild(cell);
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    root.appendChild(table);
  }

  function announce(doc, message) {
    var live = doc.getElementById("voortgang-melding");
    if (live) live.textContent = message;
  }

  function completed(data) {
    return data.modules.filter(function (mod) {
      return progress(mod, data.threshold).state === "afgerond";
    });
  }

  function setupCertificate(doc, data) {
    var form = doc.getElementById("certificaat-formulier");
    var cert = doc.getElementById("certificaat");
    if (!form || !cert || form.getAttribute("data-klaar") === "ja") return;
    form.setAttribute("data-klaar", "ja");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = doc.getElementById("certificaat-naam");
      var name = input ? input.value.replace(/\s+/g, " ").trim().slice(0, 80) : "";
      var done = completed(data);
      if (!name) {
        announce(doc, "Vul eerst je naam in.");
        if (input) input.focus();
        return;
      }
      if (!done.length) {
        announce(doc, "Je hebt nog geen module afgerond. Rond eerst een module af: alle vragen beantwoord en minstens " +
          Math.round(data.threshold * 100) + "% goed.");
        return;
      }
      fillCertificate(doc, cert, name, done);
      doc.body.classList.add("certificaat-actief");
      announce(doc, "Je certificaat staat klaar. Het afdrukvenster opent nu.");
      window.print();
    });
  }

  function fillCertificate(doc, cert, name, done) {
    var date = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
    cert.querySelector(".certificaat-naam").textContent = name;
    cert.querySelector(".certificaat-datum").textContent = date;
    var list = cert.querySelector(".certificaat-modules");
    list.textContent = "";
    var minutes = 0;
    done.forEach(function (mod) {
      var item = el(doc, "li", {}, mod.titel + (typeof mod.duur === "number" ? " (" + mod.duur + " minuten)" : ""));
      list.appendChild(item);
      if (typeof mod.duur === "number") minutes += mod.duur;
    });
    var total = cert.querySelector(".certificaat-duur");
    if (total) total.textContent = minutes ? "Samen ongeveer " + minutes + " minuten studie." : "";
    cert.hidden = false;
  }

  function refresh(doc, data) {
    var root = doc.getElementById("voortgang-overzicht");
    if (root) renderTable(doc, data, root);
    fillBadges(doc, data);
    var button = doc.getElementById("certificaat-knop");
    if (button) {
      var n = completed(data).length;
      var hint = doc.getElementById("certificaat-hint");
      if (hint) {
        hint.textContent = n
          ? "Je hebt " + n + (n === 1 ? " module" : " modules") + " afgerond. Die komen op je certificaat."
          : "Je hebt nog geen module afgerond. Het certificaat kan pas als je minstens één module hebt afgerond.";
      }
    }
  }

  // On a module page: drop stored answers of questions the page no longer has (deleted from the
  // bank), so they are never counted or shown. Runs before mkdocs-quiz reads its storage
  // (this script ends the page body; mkdocs-quiz starts at DOMContentLoaded).
  function dropDeleted(doc) {
    var quizzes = doc.querySelectorAll(".quiz[id]");
    var store = storage();
    if (!quizzes.length || !store) return;
    var present = {};
    quizzes.forEach(function (q) { present[q.id] = true; });
    var key = PREFIX + window.location.pathname;
    var stored = readStored(key);
    if (!stored) return;
    var changed = false;
    Object.keys(stored).forEach(function (id) {
      if (!present[id]) {
        delete stored[id];
        changed = true;
      }
    });
    if (!changed) return;
    try {
      store.setItem(key, JSON.stringify(stored));
    } catch (e) {
      // storage full or blocked: nothing to keep
    }
  }

  try {
    dropDeleted(document);
  } catch (e) {
    if (window.console) window.console.warn("voortgang:", e);
  }

  function init() {
    var doc = document;
    try {
      dropDeleted(doc);
    } catch (e) {
      if (window.console) window.console.warn("voortgang:", e);
    }
    var data;
    try {
      data = readModules(doc);
      if (!data) return;
      refresh(doc, data);
      setupCertificate(doc, data);
    } catch (e) {
      // Never break a page over progress display.
      if (window.console) window.console.warn("voortgang:", e);
    }
  }

  window.addEventListener("afterprint", function () {
    document.body.classList.remove("certificaat-actief");
  });

  // Material's instant navigation swaps pages without reloading scripts: document$ fires per page.
  if (typeof window.document$ !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
