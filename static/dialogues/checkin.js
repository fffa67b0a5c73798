// Check-in at the venue: every tap is queued in localStorage first, then sent; a lost connection
// only delays it. The server sets (never toggles) presence, so sending a tap twice is harmless.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  if (!root) { return; }
  var key = "checkin-queue-" + root.dataset.session;
  var tapUrl = root.dataset.tapUrl, walkInUrl = root.dataset.walkInUrl;
  var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  var status = document.getElementById("sync-status"), counter = document.getElementById("present-count");
  var sending = false, failed = false;

  function load() { try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; } }
  function save(queue) { localStorage.setItem(key, JSON.stringify(queue)); showPending(queue); }
  // Three states: all saved; being sent now; not sent (offline or the server did not answer).
  function showPending(queue) {
    var stuck = queue.length && (failed || navigator.onLine === false);
    status.textContent = !queue.length ? "Đã lưu tất cả."
      : stuck ? "Chưa gửi được " + queue.length + " thao tác — sẽ tự gửi lại khi có mạng."
      : "Đang gửi " + queue.length + " thao tác…";
    status.className = "checkin-status small mb-2 " + (!queue.length ? "text-success" : stuck ? "text-warning-emphasis" : "text-muted");
  }
  function mark(button, present) {
    button.setAttribute("aria-pressed", present ? "true" : "false");
    button.classList.toggle("btn-success", present);
    button.classList.toggle("btn-outline-secondary", !present);
    button.querySelector(".label").textContent = present ? "Có mặt" : "Vắng";
  }
  function enqueue(item) {
    var queue = load().filter(function (old) { return !(item.type === "tap" && old.type === "tap" && old.attendee === item.attendee); });
    queue.push(item);
    save(queue);
    flush();
  }
  function body(item) {
    var data = new URLSearchParams();
    Object.keys(item.data || {}).forEach(function (k) { data.append(k, item.data[k]); });
    if (item.type === "tap") { data.append("attendee", item.attendee); data.append("present", item.present ? "1" : "0"); }
    return data;
  }
  function flush() {
    if (sending) { return; }
    var queue = load();
    if (!queue.length) { showPending(queue); return; }
    sending = true;
    var item = queue[0];
    fetch(item.type === "tap" ? tapUrl : walkInUrl, {method: "POST", body: body(item), credentials: "same-origin",
      headers: {"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)) {
            failed = false;
            save(load().filter(function (q) { return q.id !== item.id; }));
            if (!response.ok) { showError(json.error || "Thao tác không thực hiện được."); }
            else { applied(item, json); }
            sending = false;
            flush();
          } else { throw new Error("server"); }
        });
      })
      .catch(function () { sending = false; failed = true; showPending(load()); setTimeout(flush, 5000); });
  }
  function applied(item, json) {
    if (json.count !== undefined) { counter.textContent = json.count; }
    if (item.type === "walkin") {
      var row = document.querySelector("[data-client-ref='" + item.data.client_ref + "']");
      if (row) { row.querySelector(".pending").textContent = "đã lưu"; }
    }
  }
  // The error floats at the foot of the screen: seen wherever the page is scrolled (the walk-in
  // form is at the bottom), and it moves nothing under a finger.
  function showError(text) {
    var box = document.getElementById("checkin-error");
    box.querySelector(".message").textContent = text; box.classList.remove("d-none");
  }
  document.querySelector("#checkin-error .btn-close").addEventListener("click", function () {
    document.getElementById("checkin-error").classList.add("d-none");
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-attendee]");
    if (!button) { return; }
    var present = button.getAttribute("aria-pressed") !== "true";
    mark(button, present);
    enqueue({id: Date.now() + "-" + Math.random(), type: "tap", attendee: button.dataset.attendee, present: present});
  });
  var form = document.getElementById("walk-in-form");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = {};
    new FormData(form).forEach(function (value, name) { data[name] = value; });
    if (!data.full_name || !data.full_name.trim()) { showError("Cần nhập họ và tên người đến dự."); return; }
    if (!data.consent) { showError("Cần xác nhận người dân đã được thông báo và đồng ý cho xử lý dữ liệu cá nhân."); return; }
    data.client_ref = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : Date.now() + "-" + Math.random();
    delete data.csrfmiddlewaretoken;
    var row = document.createElement("li");
    row.className = "list-group-item d-flex justify-content-between";
    row.dataset.clientRef = data.client_ref;
    row.textContent = data.full_name + " (đến trực tiếp) ";
    var tag = document.createElement("span"); tag.className = "pending small text-muted"; tag.textContent = "đang gửi";
    row.appendChild(tag);
    document.getElementById("walk-ins").appendChild(row);
    enqueue({id: data.client_ref, type: "walkin", data: data});
    form.reset();
  });
  // Taps still queued from before a reload: show them as tapped.
  load().forEach(function (item) {
    var button = item.type === "tap" && root.querySelector("button[data-attendee='" + item.attendee + "']");
    if (button) { mark(button, item.present); }
  });
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  flush();

  // Search as you type among the registered (offline too): name, village or household code,
  // with or without accents; every word typed must begin a word of the person's line.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  var list = root.querySelector("ul.list-group:not(#walk-ins)");
  if (list) {
    var people = [].slice.call(list.children);
    people.forEach(function (li) { li.dataset.search = " " + fold(li.firstElementChild.innerText); });
    var search = document.createElement("div");
    search.className = "mb-2";
    search.innerHTML = '<label class="form-label" for="checkin-search">Tìm theo tên, thôn hoặc mã hộ (không cần gõ dấu)</label>' +
      '<input type="search" class="form-control form-control-lg" id="checkin-search" autocomplete="off" enterkeyhint="search" placeholder="Ví dụ: y bich, dong xuan">' +
      '<div class="small text-muted mt-1" id="checkin-found" role="status"></div>';
    list.parentNode.insertBefore(search, list);
    var found = search.querySelector("#checkin-found");
    search.querySelector("input").addEventListener("input", function (event) {
      var words = fold(event.target.value).split(" ").filter(Boolean);
      var shown = 0;
      people.forEach(function (li) {
        var match = words.every(function (word) { return li.dataset.search.indexOf(" " + word) !== -1; });
        li.classList.toggle("d-none", !match);
        if (match) { shown += 1; }
      });
      found.textContent = !words.length ? "" : shown ? "Có " + shown + "/" + people.length + " người khớp."
        : "Không có ai khớp «" + event.target.value.trim() + "»; người đến trực tiếp thì thêm ở dưới.";
    });
  }
})();
