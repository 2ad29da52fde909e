// The session page's countdown: the server writes "2 giờ 5 phút"; this ticks it as h:mm:ss
// (numbers read the same in every language) during the last day, by the server's clock.
(function () {
  "use strict";
  var el = document.querySelector("[data-countdown]");
  if (!el) { return; }
  var target = Date.parse(el.getAttribute("data-countdown"));
  var skew = Date.parse(el.getAttribute("data-now")) - Date.now();
  if (isNaN(target) || isNaN(skew)) { return; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.round((target - Date.now() - skew) / 1000);
    if (left <= 0) { el.textContent = el.getAttribute("data-started"); return; }
    if (left >= 86400) { setTimeout(tick, 60000); return; }
    el.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
    setTimeout(tick, 1000);
  }
  tick();
}());
