// claimledger dashboard: the little JavaScript the pages use.  Every page works without
// it (highlights are links, filters are plain forms); this adds the claim panel on the
// document page, the plotly chart on indicator pages, and tidy filter URLs.
"use strict";
document.documentElement.classList.add("js");

function selectClaim(ids, scroll) {
  const panel = document.querySelector(".panel");
  if (!panel || !ids.length) return;
  document.querySelectorAll(".claim-card.selected").forEach((el) => el.classList.remove("selected"));
  document.querySelectorAll("a.hl.current").forEach((el) => el.classList.remove("current"));
  let found = false;
  ids.forEach((id) => {
    const card = document.getElementById("card-" + id);
    if (card) {
      card.classList.add("selected");
      found = true;
    }
  });
  panel.classList.toggle("has-selection", found);
  const marks = document.querySelectorAll('a.hl[data-claim="' + CSS.escape(ids[0]) + '"]');
  marks.forEach((el) => el.classList.add("current"));
  if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
  panel.scrollTop = 0;
}

function initDocument() {
  const text = document.querySelector(".doctext");
  if (!text) return;
  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest("a.hl");
    if (!mark) return;
    ev.preventDefault();
    const ids = (mark.dataset.claims || mark.dataset.claim || "").split(" ").filter(Boolean);
    selectClaim(ids, false);
    history.replaceState(null, "", "#claim-" + ids[0]);
    // On narrow screens the panel sits below the text: bring the details into view.
    const panel = document.querySelector(".panel");
    if (panel && window.matchMedia("(max-width: 960px)").matches) panel.scrollIntoView({ block: "start" });
  });
  const m = /^#claim-([\w-]+)$/.exec(location.hash);
  if (m) selectClaim([m[1]], true);
}

function initChart() {
  const el = document.getElementById("chart");
  const spec = document.getElementById("chart-data");
  if (!el || !spec) return;
  if (!window.Plotly) {
    el.querySelector(".placeholder").textContent = "The chart library did not load; the table below has every point.";
    return;
  }
  const fig = JSON.parse(spec.textContent);
  el.textContent = "";
  window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false }).then(() => {
    el.dataset.ready = "1";
  });
  el.on("plotly_click", (ev) => {
    const p = ev.points && ev.points[0];
    // Only local addresses: customdata comes from our server, but never follow anything else.
    if (p && typeof p.customdata === "string" && p.customdata.startsWith("/") && !p.customdata.startsWith("//")) {
      location.href = p.customdata;
    }
  });
}

function initFilters() {
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((el) => {
        if (el.name && !el.value) el.disabled = true;
      });
    });
  });
  document.querySelectorAll("input[data-check-all]").forEach((box) => {
    box.addEventListener("change", () => {
      document.querySelectorAll('input[name="' + box.dataset.checkAll + '"]').forEach((el) => {
        el.checked = box.checked;
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  initDocument();
  initChart();
  initFilters();
});
