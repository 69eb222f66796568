// Pin of a complaint on the map: a click (or a drag of the pin) writes the coordinates into the
// lintang/bujur fields, which stay usable without JavaScript. Leaflet is loaded before this.
(function () {
  "use strict";
  // Only the chosen kab/kota's kelurahan are offered (all of them without JavaScript).
  var kota = document.getElementById("id_kabupaten_kota");
  var kel = document.getElementById("id_kelurahan");
  function saringKelurahan() {
    if (!kota || !kel) return;
    Array.prototype.forEach.call(kel.options, function (o) {
      var lain = !!o.dataset.kota && !!kota.value && o.dataset.kota !== kota.value;
      o.hidden = lain;
      o.disabled = lain;
      if (lain && o.selected) kel.value = "";
    });
  }
  if (kota) { kota.addEventListener("change", saringKelurahan); saringKelurahan(); }

  var wadah = document.getElementById("peta-pengaduan");
  if (!wadah || typeof L === "undefined") return;
  var lintang = document.getElementById("id_lintang");
  var bujur = document.getElementById("id_bujur");
  var angka = function (el) { var v = parseFloat((el.value || "").replace(",", ".")); return isNaN(v) ? null : v; };
  var peta = L.map(wadah, { scrollWheelZoom: false }).setView([-2.5, 118], 5);
  if (wadah.dataset.tile) {
    L.tileLayer(wadah.dataset.tile, {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    }).addTo(peta);
  }
  var pin = null;
  function tulis(latlng) {
    lintang.value = latlng.lat.toFixed(6);
    bujur.value = latlng.lng.toFixed(6);
  }
  function pasang(latlng) {
    if (pin) { pin.setLatLng(latlng); return; }
    pin = L.marker(latlng, { draggable: true, keyboard: true, title: wadah.dataset.judulPin || "" }).addTo(peta);
    pin.on("dragend", function () { tulis(pin.getLatLng()); });
  }
  peta.on("click", function (e) { pasang(e.latlng); tulis(e.latlng); });
  function dariIsian() {
    var a = angka(lintang), b = angka(bujur);
    if (a !== null && b !== null) { pasang([a, b]); peta.setView([a, b], Math.max(peta.getZoom(), 16)); }
  }
  lintang.addEventListener("change", dariIsian);
  bujur.addEventListener("change", dariIsian);
  dariIsian();
  wadah.dataset.siap = "1";
})();
