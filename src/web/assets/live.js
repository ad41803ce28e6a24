// Console live updates (issue 15 §3), from the live change feed at /app/eventos (the session
// cookie; same origin). A file, not inline script: the CSP allows only 'self'. Loaded on console
// pages only; it does nothing on a page without a live region.
;(function () {
  'use strict'
  var board = document.getElementById('resultados')
  var notice = document.getElementById('aviso-en-vivo')
  if (!board && !notice) return
  if (typeof EventSource === 'undefined') return

  var source = new EventSource('/app/eventos')
  var timer = null
  var loading = false
  var again = false

  // The tablero: any change may add, move or remove a row, so the list is fetched again with the
  // page's own URL (its filters and page) and swapped in. Bursts of events give one fetch.
  function refreshBoard() {
    if (loading) {
      again = true
      return
    }
    loading = true
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error('sin sesión')
        return response.text()
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('resultados')
        if (fresh) board.replaceChildren.apply(board, Array.prototype.slice.call(fresh.childNodes))
      })
      .catch(function () {})
      .then(function () {
        loading = false
        if (again) {
          again = false
          refreshBoard()
        }
      })
  }

  // The ticket page: it says who changed the ticket instead of replacing what is being read or
  // typed into a form.
  function showNotice(data) {
    var actor = data.actor && data.actor.nombre ? data.actor.nombre : 'otra persona'
    notice.textContent = 'Actualizado por ' + actor + ' — recargue para ver los cambios. '
    var link = document.createElement('a')
    link.href = location.pathname
    link.textContent = 'Recargar'
    notice.appendChild(link)
    notice.hidden = false
  }

  source.onmessage = function (message) {
    var data
    try {
      data = JSON.parse(message.data)
    } catch (error) {
      return
    }
    if (board) {
      clearTimeout(timer)
      timer = setTimeout(refreshBoard, 200)
    }
    if (
      notice &&
      data.ticketId === notice.getAttribute('data-ticket') &&
      data.revision > Number(notice.getAttribute('data-revision'))
    )
      showNotice(data)
  }
  // The session ended (revoked, expired): no reconnecting until the page is loaded again.
  source.addEventListener('fin', function () {
    source.close()
  })
})()
