/* Progressive enhancement: suggestions for search boxes marked data-autocomplete.
   Without JavaScript the form works as it is; with it, a native <datalist> offers titles. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[data-autocomplete]");
  Array.prototype.forEach.call(boxes, function (input, index) {
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.appendChild(list);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || text === last) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = text;
        fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(text), {
          headers: { "Accept": "application/json" }, credentials: "same-origin"
        }).then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        }).then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            list.appendChild(option);
          });
        }).catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
}());
