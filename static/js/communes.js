// The commune field lists only the chosen province's communes. When the province changes, fetch
// that province's communes and put them in the commune field. Without this script the form
// still works: the server offers the communes of the province it was sent and says what is wrong.
(function () {
  "use strict";
  var provinces = document.querySelectorAll("select[data-communes-url]");
  Array.prototype.forEach.call(provinces, function (province) {
    var commune = document.getElementById(province.dataset.communeField);
    if (!commune) { return; }
    var asked = 0;

    function fill(prompt, communes) {
      // options.length and add() work on the old WebViews of cheap phones (replaceChildren doesn't).
      commune.options.length = 0;
      commune.add(new Option(prompt, "0"));
      communes.forEach(function (c) { commune.add(new Option(c.name, String(c.id))); });
    }

    province.addEventListener("change", function () {
      var id = province.value;
      var ask = ++asked;
      if (!id || id === "0") {
        fill(commune.dataset.promptProvince, []);
        return;
      }
      commune.disabled = true;
      fetch(province.dataset.communesUrl.replace("{id}", encodeURIComponent(id)), {
        headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (body) {
        if (ask === asked) { fill(commune.dataset.promptCommune, body.communes); }
      }).catch(function () {
        // Offline or failed: leave the list; the server checks the commune on submit.
      }).then(function () {
        if (ask === asked) { commune.disabled = false; }
      });
    });
  });
})();
