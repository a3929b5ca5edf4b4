/* Suggestions for a comma-separated tag field (admin article form).
   The input names its endpoint in data-tag-suggest; the suggestions fill a <datalist>
   whose options are the whole field value with the last tag completed, so the
   browser's own list does the showing and choosing. Without this script the field is
   plain comma text. */
(function () {
  "use strict";

  function setup(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var asked = "";

    function split(value) {
      var cut = value.lastIndexOf(",");
      if (cut < 0) { return { head: "", term: value.trim() }; }
      return { head: value.slice(0, cut + 1) + " ", term: value.slice(cut + 1).trim() };
    }

    function fill(head, names) {
      list.replaceChildren();
      var taken = head.split(",").map(function (t) { return t.trim().toLowerCase(); });
      names.forEach(function (name) {
        if (taken.indexOf(name.toLowerCase()) >= 0) { return; }
        var option = document.createElement("option");
        // The trailing comma keeps a name with spaces one tag and lets the writer go on.
        option.value = head + (name.indexOf(",") >= 0 ? '"' + name + '"' : name) + ", ";
        list.appendChild(option);
      });
    }

    function ask() {
      var parts = split(input.value);
      if (!parts.term || parts.term === asked) { return; }
      asked = parts.term;
      var url = input.dataset.tagSuggest + "?q=" + encodeURIComponent(parts.term);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (split(input.value).term === parts.term) { fill(parts.head, data.results); }
        })
        .catch(function () { list.replaceChildren(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggest]").forEach(setup);
  });
})();
