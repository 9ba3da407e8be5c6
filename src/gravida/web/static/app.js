/* Gravida: progressive enhancement only. Every form works without this file.
 *
 * Forms marked data-enhance are sent in the background and the answer page
 * is swapped in (the #urgent live region and #content), so that an emergency
 * revealed by an answer is announced at once by screen readers, focus moves
 * to the new question, and the page does not flash. Anything unexpected falls
 * back to an ordinary page load.
 */
(function () {
  "use strict";

  function focusNew() {
    var target = document.querySelector("#content [data-focus]") ||
      document.querySelector("#urgent h1, #content h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }

  function swap(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var urgent = doc.getElementById("urgent");
    var content = doc.getElementById("content");
    if (!urgent || !content) return false;
    document.title = doc.title;
    document.getElementById("content").replaceChildren.apply(
      document.getElementById("content"), Array.prototype.slice.call(content.childNodes));
    var live = document.getElementById("urgent");
    var fresh = Array.prototype.slice.call(urgent.childNodes);
    if (live.innerHTML !== urgent.innerHTML) {
      live.replaceChildren.apply(live, fresh);
    }
    if (url && url !== window.location.href) {
      window.history.pushState({ gravida: true }, "", url);
    }
    wire(document);
    focusNew();
    var hash = url ? new URL(url).hash : "";
    if (hash) {
      var anchor = document.getElementById(hash.slice(1));
      if (anchor) anchor.scrollIntoView();
    } else {
      window.scrollTo(0, 0);
    }
    return true;
  }

  function submit(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var body = new URLSearchParams();
    data.forEach(function (value, key) { body.append(key, String(value)); });
    var buttons = form.querySelectorAll("button");
    form.setAttribute("aria-busy", "true");
    buttons.forEach(function (b) { b.disabled = true; });
    var action = form.getAttribute("action") || window.location.pathname;
    fetch(action, {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      credentials: "same-origin",
      redirect: "follow"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("text/html") !== 0) throw new Error("not a page");
      return response.text().then(function (html) {
        var url = response.url;
        var hash = action.indexOf("#") >= 0 ? action.slice(action.indexOf("#")) : "";
        if (hash && url.indexOf("#") < 0) url += hash;
        if (!swap(html, url)) throw new Error("not a Gravida page");
      });
    }).catch(function () {
      window.location.reload();
    });
  }

  function wire(root) {
    root.querySelectorAll("form[data-enhance]").forEach(function (form) {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      form.addEventListener("submit", function (event) {
        if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
        event.preventDefault();
        submit(form, event.submitter);
      });
    });
    // A follow-up field (which side) shows only once an area it is about is ticked.
    root.querySelectorAll("[data-when]").forEach(function (field) {
      var form = field.closest("form");
      if (!form || field.dataset.wired) return;
      field.dataset.wired = "1";
      var wanted = field.getAttribute("data-when").split(" ");
      function update() {
        var on = Array.prototype.some.call(
          form.querySelectorAll("input[type=checkbox]:checked"),
          function (box) { return wanted.indexOf(box.value) >= 0; });
        field.hidden = !on;
      }
      form.addEventListener("change", update);
      update();
    });
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The skip link: some browsers scroll to the target without moving focus there.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.skip") : null;
    if (!link) return;
    var main = document.getElementById("main");
    if (main) {
      event.preventDefault();
      main.focus();
    }
  });

  // The language switch returns to the page shown now (swapped pages change the address
  // but not the header the switch sits in).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains("lang-switch") &&
        form.elements.namedItem("next")) {
      form.elements.namedItem("next").value = window.location.pathname;
    }
  }, true);

  window.addEventListener("popstate", function () { window.location.reload(); });
  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
    var first = document.querySelector("#content [data-focus]");
    if (first) first.focus();
  });
}());
