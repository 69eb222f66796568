// Leaflet maps of lokasi. The GeoJSON comes in the data-geojson attribute of #data-peta (one
// lokasi), or from the URL in its data-url (a list: lokasi:peta with the list's filters), so no
// inline script is needed (the CSP stays 'self') and htmx can swap it with the list.
// A page may restyle its map by setting window.KumuhPeta.gaya before DOMContentLoaded (see
// peta_prioritas.js): {style, pointToLayer, onEachFeature, urutkan}, and window.KumuhPeta.muat
// to load the data itself instead of reading data-geojson.
(function () {
  "use strict";
  var WARNA = "#b3461b";

  function tautanLokasi(p) {
    var a = document.createElement("a");
    a.href = "/lokasi/" + p.id + "/";
    a.textContent = p.nama;
    return a;
  }

  // Leaflet reads a string tooltip as HTML; a lokasi's name is typed by users, so it goes in as
  // a text node and `<img onerror=…>` stays literal text.
  function teksTooltip(teks) {
    var span = document.createElement("span");
    span.textContent = teks;
    return span;
  }

  var GAYA_LOKASI = {
    style: function () { return { color: WARNA, weight: 2, fillOpacity: 0.25 }; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 7, color: "#fff", weight: 2, fillColor: WARNA, fillOpacity: 0.9 });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties || {};
      layer.bindPopup(tautanLokasi(p));
      layer.bindTooltip(teksTooltip(p.nama));
      layer.options.className = "fitur-lokasi";
    }
  };

  window.KumuhPeta = { gaya: null, tautanLokasi: tautanLokasi, teksTooltip: teksTooltip };

  function bacaData(id) {
    var el = document.getElementById(id);
    if (!el || !el.dataset.geojson) return null;
    try { return JSON.parse(el.dataset.geojson); } catch (e) { return null; }
  }

  function buatPeta(wadah, gaya) {
    var peta = L.map(wadah, { scrollWheelZoom: false }).setView([-2.5, 118], 5);
    var tile = wadah.dataset.tile;
    if (tile) {
      // Offline the tiles simply fail to load; the shapes and markers still show.
      L.tileLayer(tile, {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
      }).addTo(peta);
    }
    var lapisan = L.geoJSON(null, {
      style: gaya.style,
      pointToLayer: gaya.pointToLayer,
      onEachFeature: gaya.onEachFeature
    }).addTo(peta);
    wadah.dataset.siap = "1";
    return { peta: peta, lapisan: lapisan, gaya: gaya };
  }

  function isi(obj, data) {
    obj.lapisan.clearLayers();
    if (!data) return;
    if (obj.gaya.urutkan) {
      data = { type: "FeatureCollection", features: obj.gaya.urutkan(data.features || []) };
    }
    obj.lapisan.addData(data);
    var batas = obj.lapisan.getBounds();
    if (batas.isValid()) obj.peta.fitBounds(batas, { maxZoom: 17, padding: [20, 20] });
    obj.peta.getContainer().dataset.jumlahFitur = String(obj.lapisan.getLayers().length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var wadah = document.getElementById("peta");
    if (!wadah || typeof L === "undefined") return;
    var obj = buatPeta(wadah, window.KumuhPeta.gaya || GAYA_LOKASI);
    // A page whose data is too big to sit in the HTML loads it itself (peta_prioritas.js).
    var muat = window.KumuhPeta.muat;
    if (muat) {
      muat(obj);
      document.body.addEventListener("htmx:afterSettle", function () { muat(obj); });
      return;
    }
    // A list's data lives at its own URL (data-url, with the list's filters): fetched once,
    // and again only when the filters change, not for another page of the same list. A single
    // lokasi's data sits in the page (data-geojson).
    var urlData = null;
    var nomorMinta = 0;
    function muatSumber() {
      var el = document.getElementById(wadah.dataset.sumber);
      var url = el && el.dataset.url;
      if (!url) {
        isi(obj, bacaData(wadah.dataset.sumber));
        return;
      }
      if (url === urlData) return;
      urlData = url;
      var nomor = ++nomorMinta;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          // A slower answer to older filters must not overwrite the newer one.
          if (data && nomor === nomorMinta) isi(obj, data);
        })
        .catch(function () { /* offline or logged out: the list still works */ });
    }
    muatSumber();
    // The list's filters swap the result partial (with its data URL) via htmx: redraw from it.
    document.body.addEventListener("htmx:afterSettle", muatSumber);
  });
})();
