// The public map: each lokasi with its name, tingkat and luas as text (no link into the app,
// which needs a login). Loaded after peta.js and before DOMContentLoaded, so peta.js draws with
// this style. Names are typed by users: they go in as text nodes, never as HTML.
(function () {
  "use strict";
  var WARNA = "#b3461b";

  function teks(p) {
    var luas = p.luas_ha === null || p.luas_ha === undefined ? "" :
      ", " + String(p.luas_ha.toFixed(2)).replace(".", ",") + " ha";
    return p.nama + " (" + (p.tingkat_kekumuhan || "") + luas + ")";
  }

  window.KumuhPeta.gaya = {
    style: function () { return { color: WARNA, weight: 2, fillOpacity: 0.3 }; },
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, { radius: 7, color: "#fff", weight: 2, fillColor: WARNA, fillOpacity: 0.9 });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties || {};
      var isi = document.createElement("div");
      var judul = document.createElement("strong");
      judul.textContent = p.nama;
      isi.appendChild(judul);
      isi.appendChild(document.createElement("br"));
      isi.appendChild(document.createTextNode(
        (p.kecamatan || "") + " · " + (p.tingkat_kekumuhan || "") + " · " + (p.prioritas || "")));
      isi.appendChild(document.createElement("br"));
      isi.appendChild(document.createTextNode("SK " + (p.sk || "")));
      layer.bindPopup(isi);
      layer.bindTooltip(window.KumuhPeta.teksTooltip(teks(p)));
    }
  };
})();
