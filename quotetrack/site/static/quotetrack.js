/* quotetrack: the "Copy citation" button. No dependencies. */
(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function selectElement(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function report(button, status, ok, el) {
    if (status) {
      status.textContent = ok ? "Citation copied." : "Could not copy automatically: the citation is selected, press Ctrl+C (⌘C).";
    }
    button.setAttribute("data-copied", ok ? "yes" : "no");
    if (!ok) { selectElement(el); }
  }
  function onClick(event) {
    var button = event.currentTarget;
    var el = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById("qt-copy-status");
    if (!el) { return; }
    var text = el.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { report(button, status, true, el); },
        function () { report(button, status, fallbackCopy(text), el); }
      );
    } else {
      report(button, status, fallbackCopy(text), el);
    }
  }
  function foldColumnDescriptions() {
    // Datasette lists every column description above a table; fold the list away
    var list = document.querySelector("dl.column-descriptions");
    if (!list || list.parentNode.tagName === "DETAILS") { return; }
    var details = document.createElement("details");
    details.className = "qt-column-descriptions";
    var summary = document.createElement("summary");
    summary.textContent = "What the columns mean";
    list.parentNode.insertBefore(details, list);
    details.appendChild(summary);
    details.appendChild(list);
  }
  function offerParameterValues() {
    // a canned query's parameter input suggests the values listed for it (params.py)
    var lists = document.querySelectorAll("datalist[data-qt-param]");
    for (var i = 0; i < lists.length; i++) {
      var name = lists[i].getAttribute("data-qt-param");
      var inputs = document.querySelectorAll("form.sql input[type=text]");
      for (var j = 0; j < inputs.length; j++) {
        if (inputs[j].name !== name) { continue; }
        inputs[j].setAttribute("list", lists[i].id);
        inputs[j].setAttribute("autocomplete", "off");
        if (!inputs[j].placeholder) {
          inputs[j].placeholder = "e.g. " + lists[i].getAttribute("data-qt-example");
        }
      }
    }
  }
  function init() {
    foldColumnDescriptions();
    offerParameterValues();
    var buttons = document.querySelectorAll("button.qt-copy[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", onClick);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
