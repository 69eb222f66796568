// Map of the priority list: each lokasi coloured by its prioritas (1–9), on peta.js. The
// colours live in static/css/prioritas.css (class prioritas-N), shared with the legend and the
// table. Loaded after peta.js and before DOMContentLoaded, so peta.js draws with this style.
(function () {
  "use strict";

  function kelas(f) {
    var p = (f.properties || {}).prioritas;
    return "fitur-prioritas prioritas-" + p;
  }

  window.KumuhPeta.gaya = {
    // className is read when the shape is first drawn, so it is set here, not later.
    style: function (f) { return { className: kelas(f), weight: 1.5, fillOpacity: 0.75 }; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 8, className: kelas(f), weight: 1.5, fillOpacity: 0.95 });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties || {};
      var isi = document.createElement("div");
      isi.appendChild(window.KumuhPeta.tautanLokasi(p));
      isi.appendChild(document.createElement("br"));
      isi.appendChild(document.createTextNode("No. " + p.nomor + " · " + p.label));
      layer.bindPopup(isi);
      layer.bindTooltip(window.KumuhPeta.teksTooltip(p.nama + " (" + p.label + ")"));
    },
    // Draw the least urgent first, so prioritas 1 lies on top where shapes overlap.
    urutkan: function (fitur) {
      return fitur.slice().sort(function (a, b) {
        return b.properties.prioritas - a.properties.prioritas;
      });
    }
  };
})();
