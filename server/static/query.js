/* The query page: YASGUI bound to our /sparql, the queries/ examples one click away, a timeline
   result view, CSV download. Offline: no CDN, no prefix.cc / LOV autocompletion, no DBpedia default.
   Data values are only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("kg-config").textContent);
  var examples = {};
  cfg.examples.forEach(function (q) { examples[q.name] = q; });
  var pendingView = null;

  function localHref(iri) {
    /* Our IRIs dereference on this host whatever base they were minted with. */
    if (iri.indexOf(cfg.resourceNs) === 0) return "/resource/" + iri.slice(cfg.resourceNs.length);
    if (/^https?:\/\//.test(iri)) return iri;
    return null;
  }

  function pick(vars, names, bindings, datatypeTest) {
    for (var i = 0; i < names.length; i++) if (vars.indexOf(names[i]) >= 0) return names[i];
    if (!datatypeTest) return null;
    for (var j = 0; j < vars.length; j++) {
      for (var k = 0; k < Math.min(bindings.length, 20); k++) {
        var b = bindings[k][vars[j]];
        if (b && datatypeTest(b)) return vars[j];
      }
    }
    return null;
  }
  function isDate(b) {
    return b.type === "literal" && /#(date|dateTime|gYear|gYearMonth)$/.test(b.datatype || "");
  }
  function parseDate(s) {
    if (!s) return null;
    var m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s);
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  }

  /* A YASR plugin: one row per result, a bar from ?start to ?end on a shared axis. */
  function Timeline(yasr) {
    this.yasr = yasr;
    this.priority = 5; /* below the table (10): the table stays the default view */
    this.label = "Timeline";
    this.hideFromSelection = false;
  }
  Timeline.prototype.columns = function () {
    var r = this.yasr.results;
    if (!r || !r.getVariables || !r.getBindings) return null;
    var vars = r.getVariables() || [], rows = r.getBindings() || [];
    var start = pick(vars, ["start", "startDate", "date", "begin", "time"], rows, isDate);
    if (!start) return null;
    var end = pick(vars, ["end", "endDate", "until"], rows, null);
    var label = pick(vars, ["label", "eventLabel", "name", "title", "event"], rows, null);
    var item = pick(vars, ["event", "e", "item", "s"], rows, function (b) { return b.type === "uri"; });
    return { start: start, end: end, label: label, item: item, rows: rows };
  };
  Timeline.prototype.canHandleResults = function () { return !!this.columns(); };
  Timeline.prototype.getIcon = function () {
    var span = document.createElement("span");
    span.className = "kg-tl-icon";
    span.textContent = "\u2261";
    return span;
  };
  Timeline.prototype.download = function (name) {
    var r = this.yasr.results;
    return { getData: function () { return r.asCsv(); }, contentType: "text/csv", title: "Download result",
             filename: (name || "queryResults") + ".csv" };
  };
  Timeline.prototype.draw = function () {
    var c = this.columns(), el = this.yasr.resultsEl;
    var items = [];
    c.rows.forEach(function (row) {
      var s = parseDate(row[c.start] && row[c.start].value);
      if (s === null) return;
      var e = parseDate(c.end && row[c.end] && row[c.end].value);
      items.push({ s: s, e: Math.max(e === null ? s : e, s), row: row });
    });
    var wrap = document.createElement("div");
    wrap.className = "timeline kg-timeline";
    if (!items.length) { wrap.textContent = "No row has a date in ?" + c.start + "."; el.appendChild(wrap); return; }
    items.sort(function (a, b) { return a.s - b.s; });
    var lo = items[0].s, hi = Math.max.apply(null, items.map(function (i) { return i.e; }));
    var span = Math.max(hi - lo, 86400000);
    var axis = document.createElement("div");
    axis.className = "tl-axis";
    var marks = [], d0 = new Date(lo), months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    if (span > 730 * 86400000) {
      var step = Math.max(1, Math.ceil((new Date(hi).getUTCFullYear() - d0.getUTCFullYear()) / 8));
      for (var y = d0.getUTCFullYear() + 1; y <= new Date(hi).getUTCFullYear(); y += step) marks.push([Date.UTC(y, 0, 1), String(y)]);
    } else {
      for (var yy = d0.getUTCFullYear(), mm = d0.getUTCMonth() + 1; Date.UTC(yy, mm, 1) <= hi; mm++) {
        if (mm === 12) { mm = 0; yy++; }
        marks.push([Date.UTC(yy, mm, 1), mm === 0 || !marks.length ? months[mm] + " " + yy : months[mm]]);
      }
      if (marks.length > 12) { var k = Math.ceil(marks.length / 12); marks = marks.filter(function (_, i) { return i % k === 0; }); }
    }
    marks.forEach(function (mk) {
      var t = document.createElement("span");
      t.className = "tl-tick";
      t.style.left = (100 * (mk[0] - lo) / span) + "%";
      t.textContent = mk[1];
      axis.appendChild(t);
    });
    wrap.appendChild(axis);
    items.slice(0, 2000).forEach(function (it) {
      var row = document.createElement("div"); row.className = "tl-row";
      var lab = document.createElement("div"); lab.className = "tl-label";
      var text = (c.label && it.row[c.label] && it.row[c.label].value) || (c.item && it.row[c.item] && it.row[c.item].value) || "";
      var iri = c.item && it.row[c.item] && it.row[c.item].type === "uri" ? localHref(it.row[c.item].value) : null;
      if (iri) { var a = document.createElement("a"); a.href = iri; a.textContent = text; lab.appendChild(a); }
      else lab.textContent = text;
      var track = document.createElement("div"); track.className = "tl-track";
      var bar = document.createElement("span"); bar.className = "tl-bar";
      var w = Math.max(100 * (it.e - it.s + 86400000) / (span + 86400000), 0.6);
      bar.style.left = Math.min(100 * (it.s - lo) / span, 100 - w) + "%";
      bar.style.width = w + "%";
      track.appendChild(bar);
      var date = document.createElement("div"); date.className = "tl-date";
      var sd = it.row[c.start].value.slice(0, 10), ed = c.end && it.row[c.end] ? it.row[c.end].value.slice(0, 10) : sd;
      date.textContent = ed && ed !== sd ? sd + " \u2013 " + ed : sd;
      row.appendChild(lab); row.appendChild(track); row.appendChild(date);
      wrap.appendChild(row);
    });
    el.appendChild(wrap);
  };

  Yasgui.Yasr.registerPlugin("timeline", Timeline);
  Yasgui.Yasqe.defaults.autocompleters = [];
  Yasgui.Yasqe.defaults.value = cfg.defaultQuery;
  Yasgui.Yasr.defaults.prefixes = cfg.prefixes;
  /* absolute: YASGUI builds URL objects from the endpoint (a relative one throws in its error paths) */
  var endpoint = window.location.origin + "/sparql";
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    /* ?query=... (share links, "Query this resource") fills the editor; the endpoint always stays ours */
    populateFromUrl: function (c) { c.requestConfig = c.requestConfig || {}; c.requestConfig.endpoint = endpoint; return c; },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: { prefixes: cfg.prefixes }
  });
  window.__yasgui = yasgui;

  yasgui.on("queryResponse", function (y, tab) {
    if (!pendingView) return;
    var yasr = tab.getYasr(), view = pendingView;
    pendingView = null;
    if (yasr.config.plugins[view]) { yasr.selectPlugin(view); yasr.draw(); }
  });

  function runExample(name) {
    var q = examples[name];
    if (!q) return;
    var tab = yasgui.getTab();
    tab.getYasqe().setValue(q.query);
    document.getElementById("query-title").textContent = q.title;
    pendingView = q.view === "timeline" ? "timeline" : "table";
    tab.getYasqe().query();
  }
  document.querySelectorAll("button.example").forEach(function (btn) {
    btn.addEventListener("click", function () { runExample(btn.getAttribute("data-name")); });
  });

  /* A click on a prefix in the side bar declares it in the current query. */
  document.querySelectorAll("dl.prefixes dt").forEach(function (dt) {
    dt.setAttribute("role", "button");
    dt.setAttribute("tabindex", "0");
    dt.title = "Add this PREFIX to the query";
    dt.addEventListener("click", function () {
      var p = dt.textContent.replace(/:$/, ""), add = {};
      add[p] = cfg.prefixes[p];
      yasgui.getTab().getYasqe().addPrefixes(add);
    });
  });

  /* Links in results: our IRIs open their page on this host. */
  document.getElementById("yasgui").addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a) return;
    var href = a.getAttribute("href");
    if (href && href.indexOf(cfg.resourceNs) === 0) { ev.preventDefault(); window.location.href = localHref(href); }
  });

  document.getElementById("download-csv").addEventListener("click", function () {
    var query = yasgui.getTab().getYasqe().getValue();
    var body = new URLSearchParams(); body.set("query", query);
    fetch("/sparql", { method: "POST", body: body, headers: { "Accept": "text/csv" } })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t || r.statusText); });
        return r.blob();
      })
      .then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob); a.download = "query-results.csv";
        document.body.appendChild(a); a.click(); a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      })
      .catch(function (e) { alert("CSV download failed: " + e.message); });
  });
})();
