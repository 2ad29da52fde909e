// The session page's heartbeat: while the page is visible, tell the server every 30 s that
// this visitor is watching (the visitor is the cookie), and show how many are watching now.
// Hidden tabs send nothing; without JavaScript the page works and shows no count.
(function () {
  "use strict";
  var box = document.querySelector("[data-heartbeat-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-heartbeat-url");
  var count = box.querySelector("[data-concurrent]");
  var PERIOD = 30000;
  var last = 0;
  var timer = null;

  function show(answer) {
    if (!answer) { return; }
    if (answer.live === false) {  // ended (or cancelled): stop, and hide the count
      window.clearInterval(timer);
      box.hidden = true;
      return;
    }
    count.textContent = Number(answer.concurrent).toLocaleString(document.documentElement.lang || "vi");
    box.hidden = false;
  }

  function beat() {
    if (document.visibilityState !== "visible") { return; }
    last = Date.now();
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: "{}"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(show).catch(function () { /* offline for a moment: the next beat tries again */ });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && Date.now() - last >= PERIOD) { beat(); }
  });
  timer = window.setInterval(beat, PERIOD);
  beat();
})();
