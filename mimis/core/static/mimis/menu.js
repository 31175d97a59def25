// The menu works without JavaScript: it is open, and each organisation's entries open on a click.
// With JavaScript, phones start with the menu closed, and an open group closes on Escape or a click elsewhere.
(function () {
  var menu = document.querySelector(".site-menu");
  if (!menu) return;
  var phone = window.matchMedia("(max-width: 48rem)");
  function fit() { if (phone.matches) { menu.removeAttribute("open"); } else { menu.setAttribute("open", ""); } }
  fit();
  phone.addEventListener("change", fit);
  var groups = menu.querySelectorAll(".nav-group details");
  function closeOthers(except) {
    groups.forEach(function (group) { if (group !== except) group.removeAttribute("open"); });
  }
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () { if (group.open) closeOthers(group); });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".nav-group")) closeOthers(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    groups.forEach(function (group) {
      if (group.open) { group.removeAttribute("open"); group.querySelector("summary").focus(); }
    });
  });
})();
