/* Share links: "Copy link" (clipboard) and "Share…" (the device's share sheet) where the browser offers them.
   Without JavaScript the link stays in a read-only field to select and copy, and the buttons stay hidden. */
(function () {
  "use strict";
  document.querySelectorAll("[data-share-tools]").forEach(function (box) {
    var field = box.querySelector("[data-share-url]");
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-copy]");
    var share = box.querySelector("[data-share]");
    field.addEventListener("focus", function () { field.select(); });
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () { status.textContent = copy.dataset.done; },
          function () { field.focus(); field.select(); status.textContent = copy.dataset.failed; }
        );
      });
    }
    if (share && typeof navigator.share === "function") {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: share.dataset.title, url: field.value }).catch(function () {});
      });
    }
  });
})();
