/* Shows the review notice once the reader's date is past the page's due date
   (data-controle-voor="JJJJ-MM-DD", set by the build from the content model), so a page
   that nobody rebuilt still warns. Runs on every page, also after instant navigation. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function check() {
    var day = today();
    document.querySelectorAll("[data-controle-voor]").forEach(function (notice) {
      // The due date is the last good day: the notice shows from the day after.
      if (day > notice.getAttribute("data-controle-voor")) {
        notice.hidden = false;
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(check);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
