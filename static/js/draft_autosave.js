/* Keep a content form's unsaved text in localStorage and warn before leaving (the
   admin form of every publishing type: publishing/admin_autosave.py).
   Settings and texts come from the JSON block #draft-autosave (rendered by the
   server through gettext). A save that succeeds (the next page shows no form error)
   clears the stored copy. No inline script, no third-party code. */
(function () {
  "use strict";
  var PREFIX = "kominfo-draft:";
  var MARK = "kominfo-draft-submitted";

  function storage(kind) {
    try { return window[kind]; } catch (e) { return null; }  // disabled storage
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");
  if (!local || !session) { return; }

  function hasFormErrors() {
    return document.querySelector(".errornote:not(#goes-pending), ul.errorlist") !== null;
  }

  function clearAfterSave() {
    var key = session.getItem(MARK);
    if (!key) { return; }
    session.removeItem(MARK);
    if (!hasFormErrors()) { local.removeItem(key); }
  }

  function textFields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input[type=text], input[type=url], textarea"),
      function (el) {
        // Top-level fields only: inline rows and the version field are not typed text.
        return el.name && !/-\d+-|__prefix__/.test(el.name) && el.name !== "loaded_version";
      }
    );
  }

  function snapshot(form) {
    var values = {};
    textFields(form).forEach(function (el) { values[el.name] = el.value; });
    return values;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function restore(form, values) {
    textFields(form).forEach(function (el) {
      if (!(el.name in values)) { return; }
      el.value = values[el.name];
      var editor = window.editors && window.editors[el.id];
      if (editor) { editor.setData(values[el.name]); }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function banner(form, settings, stored, onDone) {
    var box = document.createElement("div");
    box.className = "messagelist draft-autosave";
    box.setAttribute("role", "alert");
    var text = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = settings.prompt;
    text.appendChild(strong);
    text.appendChild(document.createTextNode(" " + settings.detail));
    if (settings.version !== null && stored.version !== settings.version) {
      text.appendChild(document.createTextNode(" " + settings.changed));
    }
    box.appendChild(text);
    [["restore", true], ["discard", false]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button draft-autosave-" + pair[0];
      button.textContent = settings[pair[0]];
      button.addEventListener("click", function () {
        box.remove();
        onDone(pair[1]);
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(" "));
    });
    form.parentNode.insertBefore(box, form);
  }

  function setup(form, settings) {
    var key = PREFIX + settings.user + ":" + window.location.pathname;
    var initial = snapshot(form);
    var submitting = false;
    var stored = null;
    try { stored = JSON.parse(local.getItem(key) || "null"); } catch (e) { stored = null; }

    function dirty() { return !same(snapshot(form), initial); }

    function save() {
      if (submitting) { return; }
      if (dirty()) {
        local.setItem(key, JSON.stringify({ version: settings.version, values: snapshot(form) }));
      }
    }

    if (stored && stored.values && !same(stored.values, initial)) {
      banner(form, settings, stored, function (accepted) {
        if (accepted) { restore(form, stored.values); save(); }
        else { local.removeItem(key); }
      });
    }

    form.addEventListener("input", save);
    form.addEventListener("change", save);
    window.setInterval(save, 1000);  // CKEditor writes the textarea without input events
    form.addEventListener("submit", function () {
      save();
      submitting = true;
      session.setItem(MARK, key);
    });
    carryEditsIntoSteps(form);
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && dirty()) {
        save();
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function everyValue(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      pairs.push([name, typeof value === "string" ? value : value.name + ":" + value.size]);
    });
    return JSON.stringify(pairs);
  }

  /* A status-panel step (submit, publish, schedule ...) pressed while the content form
     has unsaved edits posts the content form instead, with the step and its fields
     (publishing/admin.py CARRIED_STEP): the server saves the edits through the normal
     save (a proposal on published content) and then runs the step. Without edits the
     step's own form posts as before. */
  function carryEditsIntoSteps(form) {
    var initial = everyValue(form);
    var CARRIED = "_workflow_step";
    document.querySelectorAll("form.wf-action").forEach(function (step) {
      step.addEventListener("submit", function (event) {
        if (everyValue(form) === initial) { return; }
        event.preventDefault();
        form.querySelectorAll("input[data-carried-step]").forEach(function (el) { el.remove(); });
        function carry(name, value) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = name;
          input.value = value;
          input.setAttribute("data-carried-step", "");
          form.appendChild(input);
        }
        carry(CARRIED, step.elements.action.value);
        ["comment", "when", "expires"].forEach(function (name) {
          if (step.elements[name]) { carry(CARRIED + "_" + name, step.elements[name].value); }
        });
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    clearAfterSave();
    var data = document.getElementById("draft-autosave");
    if (!data) { return; }
    var settings = JSON.parse(data.textContent);
    var form = document.getElementById(settings.form);
    if (form) { setup(form, settings); }
  });
})();
