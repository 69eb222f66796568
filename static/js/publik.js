// The public map: each lokasi with its name, tingkat and luas as text (no link into the app,
// which needs a login). Loaded after peta.js and before DOMContentLoaded, so peta.js draws with
// this style. Names are typed by users: they go in as text nodes, never as HTML.
//
// The data is not in the page (15,000 boundaries were 6 MB): like the priority list's map
// (peta_prioritas.js) the script asks /publik/<kode>/peta/ (URL in #data-peta's data-url) for
// the viewport: numbered clusters where lokasi crowd, single lokasi as points, their
// boundaries once zoomed in (monev.publik.data.peta_kota), and again after every move.
(function () {
  "use strict";
  var K = window.KumuhPeta;
  var WARNA = "#b3461b";

  function teks(p) {
    var luas = p.luas_ha === null || p.luas_ha === undefined ? "" :
      ", " + String(p.luas_ha.toFixed(2)).replace(".", ",") + " ha";
    return p.nama + " (" + (p.tingkat_kekumuhan || "") + luas + ")";
  }

  K.gaya = {
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
      layer.bindTooltip(K.teksTooltip(teks(p)));
    }
  };

  var obj = null;
  var klaster = null;
  var url = null;
  var nomor = 0;

  function tandaKlaster(k) {
    var ukuran = Math.round(26 + 6 * Math.log10(k[2]));
    var m = L.marker([k[0], k[1]], {
      keyboard: false,
      icon: L.divIcon({ className: "klaster-publik", html: "<span>" + Number(k[2]) + "</span>", iconSize: [ukuran, ukuran] })
    });
    m.bindTooltip(K.teksTooltip(k[2] + " lokasi"));
    m.on("click", function () { obj.peta.setView([k[0], k[1]], obj.peta.getZoom() + 2); });
    return m;
  }

  function tampilkan(data) {
    obj.lapisan.clearLayers();
    klaster.clearLayers();
    obj.lapisan.addData({ type: "FeatureCollection", features: data.fitur || [] });
    (data.klaster || []).forEach(function (k) { klaster.addLayer(tandaKlaster(k)); });
    var wadah = obj.peta.getContainer();
    wadah.dataset.jumlahFitur = String((data.fitur || []).length);
    wadah.dataset.jumlahKlaster = String((data.klaster || []).length);
    if (data.batas) obj.peta.fitBounds(data.batas, { maxZoom: 17, padding: [20, 20] });
  }

  function minta(alamat) {
    var ini = ++nomor;
    fetch(alamat, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && ini === nomor) tampilkan(data); })  // newest view wins
      .catch(function () { /* offline: the list below still works */ });
  }

  K.muat = function (o) {
    if (obj) return;  // htmx swaps only the list: the map stays
    var el = document.getElementById("data-peta");
    url = el && el.dataset.url;
    if (!url) return;
    obj = o;
    klaster = L.layerGroup().addTo(obj.peta);
    obj.peta.on("moveend", function () {
      var b = obj.peta.getBounds();
      minta(url + "?bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map(function (x) { return x.toFixed(5); }).join(",") + "&zoom=" + obj.peta.getZoom());
    });
    minta(url);  // no viewport: every lokasi, with the extent to fit
  };
})();
