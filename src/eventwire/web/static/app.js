// eventwire dashboard: timeline → events → evidence, with the actor network and the map of the same period.
// Text from the store is only ever put into the page with textContent, setAttribute or `new Option`; the
// event table and the evidence are HTML fragments rendered (and escaped) by the server.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const state = {source: "", target: "", actor: "", freq: "week", counted: "", include_low_relevance: "", q: "",
                 since: "", until: "", event: "", doc: ""};
  const cache = {series: [], alerts: [], dyads: []};
  let map = null, markers = null;

  // ---- helpers ----
  function query(obj) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
    return p.toString();
  }
  async function fetchOk(url, accept) {
    const r = await fetch(url, {headers: {Accept: accept}});
    if (!r.ok) {
      let detail = r.statusText;
      try { const body = await r.json(); detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail); } catch (e) { /* not JSON */ }
      throw new Error(`${r.status}: ${detail}`);
    }
    return r;
  }
  const getJSON = async (url) => (await fetchOk(url, "application/json")).json();
  const getHTML = async (url) => (await fetchOk(url, "text/html")).text();
  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(name, attrs, text) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function showError(box, what, error) {
    box.replaceChildren(html("p", {class: "empty error", role: "alert"}, `Could not load ${what}: ${error.message}`));
  }
  function pressable(node, action) {  // a chart element that the mouse and the keyboard can choose
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.addEventListener("click", action);
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); action(); }
    });
  }
  function goldsteinColour(g) {  // red for conflict, grey for neutral, blue for cooperation
    if (g === null || g === undefined) return "#9ca3af";
    const t = Math.min(Math.abs(g) / 10, 1), grey = [156, 163, 175];
    const end = g < 0 ? [185, 28, 28] : [29, 78, 216];
    return `rgb(${grey.map((c, i) => Math.round(c + (end[i] - c) * Math.sqrt(t))).join(",")})`;
  }
  function isoDay(d) { return d.toISOString().slice(0, 10); }
  function periodEnd(start, freq) {
    const d = new Date(start + "T00:00:00Z");
    if (freq === "week") d.setUTCDate(d.getUTCDate() + 6);
    else if (freq === "month") return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    return isoDay(d);
  }
  function subject() {
    if (state.source && state.target) return `${state.source} → ${state.target}`;
    if (state.actor) return `actor ${state.actor}`;
    return "all counted events";
  }
  function periodText() { return state.since ? (state.since === state.until ? state.since : `${state.since} to ${state.until}`) : ""; }
  const actorFilter = () => ({source: state.source, target: state.target, actor: state.actor});
  const periodFilter = () => ({since: state.since, until: state.until});
  // "true" counts the events of low-relevance articles too (left out by default); every count reads it
  const relevanceFilter = () => ({include_low_relevance: state.include_low_relevance});

  function writeHash() {
    history.replaceState(null, "", "#" + query(state));
  }
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    for (const k of Object.keys(state)) if (p.has(k)) state[k] = p.get(k);
    $("freq").value = state.freq;
    $("counted").value = state.counted;
    $("include_low_relevance").checked = state.include_low_relevance === "true";
    $("q").value = state.q;
    $("actor").value = state.actor;
  }

  // ---- pickers ----
  async function loadDyads() {
    const select = $("dyad");
    try {
      const dyads = await getJSON("/api/dyads?" + query({limit: 40, ...relevanceFilter()}));
      select.replaceChildren(select.options[0]);
      for (const d of dyads) {
        select.add(new Option(`${d.source} → ${d.target} (${d.events})`, `${d.source}|${d.target}`));
      }
    } catch (e) { select.add(new Option(`(dyads unavailable: ${e.message})`, "")); }
    syncDyadSelect();
  }
  function syncDyadSelect() {
    const select = $("dyad"), value = state.source && state.target ? `${state.source}|${state.target}` : "";
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.add(new Option(`${state.source} → ${state.target}`, value));
    }
    select.value = value;
  }
  let actorTimer = null;
  function suggestActors() {
    clearTimeout(actorTimer);
    actorTimer = setTimeout(async () => {
      const list = $("actor-list");
      try {
        const actors = await getJSON("/api/actors?" + query({q: $("actor").value.trim(), limit: 12, ...relevanceFilter()}));
        list.replaceChildren(...actors.map((a) => new Option(`${a.names.join(", ")} (${a.events} events)`, a.actor)));
      } catch (e) { list.replaceChildren(); }
    }, 200);
  }

  // ---- timeline ----
  async function loadTimeline() {
    const box = $("timeline");
    $("timeline-subject").textContent = `· ${subject()} per ${state.freq}`;
    try {
      const [series, alerts] = await Promise.all([
        getJSON("/api/series?" + query({...actorFilter(), freq: state.freq, ...relevanceFilter()})),
        getJSON("/api/alerts?" + query({source: state.source, target: state.target, freq: state.freq, ...relevanceFilter()})).catch(() => []),
      ]);
      cache.series = series;
      box.dataset.query = query({...actorFilter(), freq: state.freq, ...relevanceFilter()});
      cache.alerts = state.actor ? alerts.filter((a) => a.source === state.actor || a.target === state.actor || a.country === state.actor) : alerts;
      drawTimeline();
    } catch (e) { showError(box, "the timeline", e); }
  }
  function drawTimeline() {
    const box = $("timeline"), rows = cache.series;
    box.replaceChildren();
    if (!rows.length) { box.append(html("p", {class: "empty"}, `No counted events for ${subject()}.`)); return; }
    const W = Math.max(box.clientWidth, 320), H = 240, m = {l: 44, r: 40, t: 22, b: 36};
    const plotW = W - m.l - m.r, plotH = H - m.t - m.b, bw = plotW / rows.length;
    const quads = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
    const total = (r) => quads.reduce((s, q) => s + (r[q] || 0), 0);
    const maxCount = Math.max(1, ...rows.map(total));
    const y = (c) => m.t + plotH * (1 - c / maxCount);
    const g = (v) => m.t + plotH * (1 - (v + 10) / 20);
    const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, height: H, "aria-label": `Timeline of ${subject()}`, role: "group"});
    const axis = svg("g", {class: "axis"});
    for (const c of [0, Math.round(maxCount / 2), maxCount]) {
      axis.append(svg("line", {class: "gridline", x1: m.l, x2: W - m.r, y1: y(c), y2: y(c)}));
      axis.append(svg("text", {x: m.l - 6, y: y(c) + 4, "text-anchor": "end"}, String(c)));
    }
    for (const v of [-10, 0, 10]) axis.append(svg("text", {x: W - m.r + 6, y: g(v) + 4}, (v > 0 ? "+" : "") + v));
    axis.append(svg("line", {class: "zero", x1: m.l, x2: W - m.r, y1: g(0), y2: g(0)}));
    chart.append(axis);
    const alertsAt = {};
    for (const a of cache.alerts) (alertsAt[a.period] = alertsAt[a.period] || []).push(a);
    const every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor(plotW / 78))));
    rows.forEach((r, i) => {
      const x = m.l + i * bw, n = total(r), mean = r.goldstein_mean;
      const label = `${state.freq} of ${r.period}: ${n} counted, mean Goldstein ${mean === null ? "none" : mean.toFixed(1)}` +
        (alertsAt[r.period] ? `, ${alertsAt[r.period].length} alert(s)` : "");
      const group = svg("g", {class: "period" + (state.since === r.period ? " selected" : ""), "data-period": r.period, "aria-label": label});
      group.append(svg("title", {}, label));
      group.append(svg("rect", {class: "hover-band", x: x, y: m.t - 16, width: bw, height: plotH + 16, fill: "transparent"}));
      let base = 0;
      quads.forEach((q, k) => {
        const c = r[q] || 0;
        if (!c) return;
        group.append(svg("rect", {class: `bar-q${k + 1}`, x: x + bw * 0.12, width: Math.max(bw * 0.76, 1),
                                  y: y(base + c), height: y(base) - y(base + c)}));
        base += c;
      });
      for (const a of alertsAt[r.period] || []) {
        const mark = svg("text", {class: "alert", x: x + bw / 2, y: m.t - 5, "text-anchor": "middle"}, "▼");
        mark.append(svg("title", {}, `alert (${a.kind} ${a.source || ""}${a.target ? " → " + a.target : ""}${a.country || ""}): ` +
                                      `${a.measure} ${a.value} against a baseline of ${Number(a.baseline).toFixed(1)} (score ${Number(a.score).toFixed(1)}, ${a.method})`));
        group.append(mark);
      }
      if (i % every === 0) group.append(svg("text", {class: "tick-label", x: x + bw / 2, y: H - m.b + 16, "text-anchor": "middle"}, r.period));
      pressable(group, () => selectPeriod(r.period));
      chart.append(group);
    });
    // the mean Goldstein line, broken where a period has no event (no mean to draw)
    let d = "", pen = "M";
    rows.forEach((r, i) => {
      const mean = r.goldstein_mean;
      if (mean === null || mean === undefined) { pen = "M"; return; }
      const x = m.l + (i + 0.5) * bw;
      d += `${pen}${x.toFixed(1)},${g(mean).toFixed(1)}`;
      pen = "L";
      chart.append(svg("circle", {class: "gdot", cx: x, cy: g(mean), r: 2.5}));
    });
    if (d) chart.append(svg("path", {class: "gline", d: d}));
    box.append(chart);
  }
  function selectPeriod(period) {
    state.since = period;
    state.until = periodEnd(period, state.freq);
    for (const node of document.querySelectorAll("#timeline .period")) {
      node.classList.toggle("selected", node.getAttribute("data-period") === period);
    }
    $("clear-period").hidden = false;
    refreshPeriod();
  }

  // ---- events and evidence ----
  async function loadEvents(cursor) {
    const box = $("events");
    $("events-subject").textContent = `· ${subject()}${state.since ? " · " + periodText() : ""}`;
    const url = "/ui/events?" + query({...actorFilter(), ...periodFilter(), counted: state.counted, ...relevanceFilter(), q: state.q, cursor: cursor || ""});
    try {
      const fragment = await getHTML(url);  // rendered and escaped by the server
      if (!cursor) {
        box.innerHTML = fragment; box.scrollTop = 0; markCurrent();
        box.dataset.query = url;  // what the table now shows (tests and scripts wait on it)
        return;
      }
      const page = new DOMParser().parseFromString(fragment, "text/html");
      $("event-rows").append(...page.querySelectorAll("#event-rows tr"));
      box.querySelector(".more")?.remove();
      const more = page.querySelector(".more");
      if (more) box.append(more);
    } catch (e) { showError(box, "the events", e); }
  }
  function markCurrent() {
    for (const row of document.querySelectorAll("#events tr[data-event]")) {
      row.classList.toggle("current", row.dataset.event === state.event && row.dataset.doc === state.doc);
    }
  }
  async function loadEvidence(eventId, docHash, focus) {
    state.event = eventId; state.doc = docHash; writeHash(); markCurrent();
    const box = $("evidence");
    try {
      box.innerHTML = await getHTML(`/ui/events/${encodeURIComponent(eventId)}?` + query({doc_hash: docHash}));  // escaped by the server
      if (focus) box.focus();
    } catch (e) { showError(box, "the evidence", e); }
  }

  // ---- actor network ----
  async function loadNetwork() {
    const box = $("network");
    $("network-subject").textContent = state.since ? `· ${periodText()}` : "· whole store";
    try {
      cache.dyads = await getJSON("/api/dyads?" + query({...periodFilter(), limit: 30, ...relevanceFilter()}));
      drawNetwork();
    } catch (e) { showError(box, "the network", e); }
  }
  function drawNetwork() {
    const box = $("network"), dyads = cache.dyads;
    box.replaceChildren();
    if (!dyads.length) { box.append(html("p", {class: "empty"}, "No dyads in this period.")); return; }
    const W = Math.max(box.clientWidth, 300), H = 340, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 42;
    const totals = {};
    for (const d of dyads) { totals[d.source] = (totals[d.source] || 0) + d.events; totals[d.target] = (totals[d.target] || 0) + d.events; }
    const names = Object.keys(totals).sort((a, b) => totals[b] - totals[a] || a.localeCompare(b));
    const maxT = Math.max(...Object.values(totals)), maxE = Math.max(...dyads.map((d) => d.events));
    const pos = {};
    names.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / names.length;
      pos[n] = {x: cx + R * Math.cos(a), y: cy + R * Math.sin(a), r: 9 + 11 * Math.sqrt(totals[n] / maxT)};
    });
    const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, height: H, role: "group", "aria-label": "Actor network"});
    const edges = svg("g"), nodes = svg("g");
    for (const d of dyads) {
      const a = pos[d.source], b = pos[d.target];
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const nx = -dy / len, ny = dx / len, bend = Math.min(40, len / 5);
      const c = {x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend};
      const sa = shorten(c, a, a.r), sb = shorten(c, b, b.r + 3);
      const d3 = `M${sa.x.toFixed(1)},${sa.y.toFixed(1)}Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${sb.x.toFixed(1)},${sb.y.toFixed(1)}`;
      const colour = goldsteinColour(d.mean_goldstein), width = 1.5 + 5 * d.events / maxE;
      const label = `${d.source} → ${d.target}: ${d.events} events, mean Goldstein ${d.mean_goldstein === null ? "none" : d.mean_goldstein}`;
      const edge = svg("g", {class: "edge" + (d.source === state.source && d.target === state.target ? " selected" : ""), "aria-label": label,
                             "data-source": d.source, "data-target": d.target});
      edge.append(svg("title", {}, label));
      edge.append(svg("path", {class: "hit", d: d3}));
      edge.append(svg("path", {class: "visible", d: d3, stroke: colour, "stroke-width": width, fill: "none"}));
      edge.append(arrowHead(c, sb, colour, 5 + width));
      pressable(edge, () => chooseDyad(d.source, d.target));
      edges.append(edge);
    }
    for (const n of names) {
      const p = pos[n], node = svg("g", {class: "node"});
      node.append(svg("title", {}, `${n}: ${totals[n]} events in these dyads`));
      node.append(svg("circle", {cx: p.x, cy: p.y, r: p.r}));
      node.append(svg("text", {x: p.x, y: p.y + 4, "text-anchor": "middle"}, n));
      nodes.append(node);
    }
    chart.append(edges, nodes);
    box.append(chart);
  }
  function shorten(from, to, by) {  // the point `by` before `to` on the way from `from`
    const dx = to.x - from.x, dy = to.y - from.y, len = Math.hypot(dx, dy) || 1;
    return {x: to.x - (dx / len) * by, y: to.y - (dy / len) * by};
  }
  function arrowHead(from, tip, colour, size) {
    const dx = tip.x - from.x, dy = tip.y - from.y, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
    const bx = tip.x - ux * size, by = tip.y - uy * size;
    const pts = [[tip.x, tip.y], [bx - uy * size / 2, by + ux * size / 2], [bx + uy * size / 2, by - ux * size / 2]];
    return svg("polygon", {points: pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" "), fill: colour});
  }

  // ---- map ----
  async function initMap() {
    if (typeof L === "undefined") { $("map").append(html("p", {class: "empty"}, "The map library did not load.")); return; }
    map = L.map("map", {worldCopyJump: true, attributionControl: false, zoomSnap: 0.5, minZoom: 1, maxZoom: 8}).setView([35, 15], 1.5);
    try {
      const world = await getJSON("/static/vendor/world/countries-110m.geojson");
      L.geoJSON(world, {interactive: false, style: {color: "#8a94a3", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
    } catch (e) { /* the markers still show on the blank background */ }
    markers = L.layerGroup().addTo(map);
  }
  async function loadMap() {
    $("map-subject").textContent = `· ${subject()}${state.since ? " · " + periodText() : ""}`;
    const list = $("places");
    try {
      const places = await getJSON("/api/places?" + query({...actorFilter(), ...periodFilter(), ...relevanceFilter()}));
      list.replaceChildren(...places.map((p) => html("li", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events}`)));
      if (!map) return;
      markers.clearLayers();
      const maxE = Math.max(1, ...places.map((p) => p.events));
      for (const p of places) {
        const tip = html("span", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} events, mean Goldstein ${p.mean_goldstein ?? "none"}`);
        L.circleMarker([p.lat, p.lon], {radius: 4 + 12 * Math.sqrt(p.events / maxE), color: "#333", weight: 1,
                                         fillColor: goldsteinColour(p.mean_goldstein), fillOpacity: 0.75})
          .bindTooltip(tip).addTo(markers);
      }
      if (places.length) map.fitBounds(places.map((p) => [p.lat, p.lon]), {padding: [30, 30], maxZoom: 4});
      else map.setView([35, 15], 1.5);
      $("map").dataset.markers = String(places.length);
    } catch (e) { showError(list, "the places", e); }
  }

  // ---- wiring ----
  function chooseDyad(source, target) {
    state.source = source; state.target = target; state.actor = "";
    $("actor").value = "";
    syncDyadSelect();
    refreshAll();
  }
  function refreshPeriod() {
    writeHash();
    loadEvents(); loadNetwork(); loadMap();
  }
  function refreshAll() {
    writeHash();
    loadTimeline(); loadEvents(); loadNetwork(); loadMap();
  }
  function clearPeriod() {
    state.since = state.until = "";
    $("clear-period").hidden = true;
    for (const node of document.querySelectorAll("#timeline .period.selected")) node.classList.remove("selected");
    refreshPeriod();
  }

  document.addEventListener("DOMContentLoaded", async () => {
    readHash();
    $("clear-period").hidden = !state.since;
    $("dyad").addEventListener("change", (ev) => {
      const [source, target] = ev.target.value ? ev.target.value.split("|") : ["", ""];
      state.source = source; state.target = target; state.actor = ""; $("actor").value = "";
      state.since = state.until = ""; $("clear-period").hidden = true;
      refreshAll();
    });
    $("actor").addEventListener("input", suggestActors);
    $("actor").addEventListener("change", () => {
      state.actor = $("actor").value.trim().toUpperCase(); state.source = state.target = "";
      state.since = state.until = ""; $("clear-period").hidden = true;
      syncDyadSelect(); refreshAll();
    });
    $("freq").addEventListener("change", () => { state.freq = $("freq").value; clearPeriod(); loadTimeline(); });
    $("counted").addEventListener("change", () => { state.counted = $("counted").value; writeHash(); loadEvents(); });
    $("include_low_relevance").addEventListener("change", () => {
      state.include_low_relevance = $("include_low_relevance").checked ? "true" : "";
      loadDyads(); refreshAll();
    });
    $("q").addEventListener("change", () => { state.q = $("q").value.trim(); writeHash(); loadEvents(); });
    $("controls").addEventListener("submit", (ev) => ev.preventDefault());
    $("clear-period").addEventListener("click", clearPeriod);
    $("events").addEventListener("click", (ev) => {
      const link = ev.target.closest(".event-link");
      if (link) { loadEvidence(link.dataset.event, link.dataset.doc, true); return; }
      const more = ev.target.closest(".more");
      if (more) loadEvents(more.dataset.cursor);
    });
    let resizeTimer = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { drawTimeline(); drawNetwork(); if (map) map.invalidateSize(); }, 150);
    });
    await initMap();
    await loadDyads();
    refreshAll();
    if (state.event) loadEvidence(state.event, state.doc, false);
  });
})();
