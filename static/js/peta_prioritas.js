// Map of the priority list: each lokasi coloured by its prioritas (1–9), on peta.js. The
// colours live in static/css/prioritas.css (class prioritas-N), shared with the legend and the
// table. Loaded after peta.js and before DOMContentLoaded, so peta.js draws with this style.
//
// The data is not in the page: 30,000 lokasi would be tens of megabytes. The script asks
// /penilaian/prioritas/peta/ (URL with the list's filters in #data-peta's data-url) for the
// viewport: numbered clusters where lokasi crowd, single lokasi as points, their boundaries
// once zoomed in (penilaian.prioritas.peta_prioritas). It asks again after every move or zoom
// and when the filters change (htmx swaps #data-peta with the list).
(function () {
  "use strict";
  var K = window.KumuhPeta;

  function kelas(p) {
    return "fitur-prioritas prioritas-" + p;
  }

  K.gaya = {
    // className is read when the shape is first drawn, so it is set here, not later.
    style: function (f) { return { className: kelas(f.properties.prioritas), weight: 1.5, fillOpacity: 0.75 }; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 8, className: kelas(f.properties.prioritas), weight: 1.5, fillOpacity: 0.95 });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties || {};
      var isi = document.createElement("div");
      isi.appendChild(K.tautanLokasi(p));
      isi.appendChild(document.createElement("br"));
      isi.appendChild(document.createTextNode(p.label));
      layer.bindPopup(isi);
      layer.bindTooltip(K.teksTooltip(p.nama + " (" + p.label + ")"));
    },
    // Draw the least urgent first, so prioritas 1 lies on top where shapes overlap.
    urutkan: function (fitur) {
      return fitur.slice().sort(function (a, b) {
        return b.properties.prioritas - a.properties.prioritas;
      });
    }
  };

  var obj = null;
  var klaster = null;
  var urlData = null;
  var nomorMinta = 0;

  function ikonKlaster(k) {
    var ukuran = Math.round(26 + 6 * Math.log10(k[2]));
    return L.divIcon({
      className: "klaster-prioritas prioritas-" + k[3],
      html: "<span>" + Number(k[2]) + "</span>",
      iconSize: [ukuran, ukuran]
    });
  }

  function gambar(data) {
    obj.lapisan.clearLayers();
    klaster.clearLayers();
    var fitur = K.gaya.urutkan(data.fitur || []);
    obj.lapisan.addData({ type: "FeatureCollection", features: fitur });
    (data.klaster || []).slice().sort(function (a, b) { return b[3] - a[3]; }).forEach(function (k) {
      var m = L.marker([k[0], k[1]], { icon: ikonKlaster(k), keyboard: false });
      m.bindTooltip(K.teksTooltip(k[2] + " lokasi, prioritas tertinggi " + k[3]));
      m.on("click", function () { obj.peta.setView([k[0], k[1]], obj.peta.getZoom() + 2); });
      klaster.addLayer(m);
    });
    var wadah = obj.peta.getContainer();
    wadah.dataset.jumlahFitur = String(fitur.length);
    wadah.dataset.jumlahKlaster = String((data.klaster || []).length);
    if (data.batas) obj.peta.fitBounds(data.batas, { maxZoom: 17, padding: [20, 20] });
  }

  function ambil(url) {
    var nomor = ++nomorMinta;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        // A slower answer to an older view must not overwrite the newer one.
        if (data && nomor === nomorMinta) gambar(data);
      })
      .catch(function () { /* offline or logged out: the list still works */ });
  }

  function tampilan() {
    var b = obj.peta.getBounds();
    var sambung = urlData.indexOf("?") < 0 ? "?" : "&";
    return urlData + sambung + "bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (x) { return x.toFixed(5); }).join(",") + "&zoom=" + obj.peta.getZoom();
  }

  // Called by peta.js once the map exists and after every htmx swap of the list.
  K.muat = function (o) {
    if (!obj) {
      obj = o;
      klaster = L.layerGroup().addTo(obj.peta);
      obj.peta.on("moveend", function () { if (urlData) ambil(tampilan()); });
    }
    var el = document.getElementById("data-peta");
    var url = el && el.dataset.url;
    // Another page of the same list: the map stays as it is.
    if (!url || url === urlData) return;
    urlData = url;
    ambil(url);  // no viewport: the whole list, with its extent to fit
  };
})();
