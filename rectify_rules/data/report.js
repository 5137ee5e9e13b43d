(function () {
  "use strict";
  var detail = document.getElementById("detail");
  var body = document.getElementById("detail-body");
  function select(n, scroll) {
    var item = document.getElementById("f" + n);
    var marks = document.querySelectorAll('mark.f[data-f="' + n + '"]');
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    marks.forEach(function (m) { m.classList.add("active"); });
    if (!item) { return; }
    item.classList.add("active");
    body.innerHTML = item.innerHTML;
    detail.className = item.className.replace("item", "").replace("active", "");
    detail.hidden = false;
    if (scroll === "text" && marks.length) {
      marks[0].scrollIntoView({block: "center"});
    }
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.f");
    if (mark) { select(mark.getAttribute("data-f"), "list"); return; }
    var item = ev.target.closest("li.item");
    if (item) { select(item.getAttribute("data-f"), "text"); return; }
    if (ev.target.closest(".close")) { detail.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    var mark = ev.target.closest && ev.target.closest("mark.f");
    if (mark && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      select(mark.getAttribute("data-f"), "list");
    }
  });
  document.querySelectorAll(".toolbar input[data-level]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-level"), !box.checked);
    });
  });
})();
