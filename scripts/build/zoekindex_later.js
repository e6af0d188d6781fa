/* The search index on demand (issue 20). Inline in every page, before Material's bundle
 * (scripts/build/search_index.py puts it there).
 *
 * Material 9.8.2 requests search/search_index.json as soon as a page loads, on every page, read
 * or not: its bundle subscribes to the index at start-up (setupSearchWorker: of(true) on http)
 * and posts it to the search worker, which it also starts at once. There is no option to wait.
 * This script holds back both until the reader opens search: focus in the search box (a click,
 * a tap or Material's keyboard shortcut / s f), the search toggle on a phone, or a page opened
 * from a search result (?h=, for the highlighting).
 *  - the index: Material's XMLHttpRequest for it is opened as usual, but sent only then;
 *  - the worker (workers/zoeken.js with Material's inside): Material gets a stand-in that starts
 *    the real worker then, or at the first message posted to it, and passes every message on.
 * After that Material, its worker and our forgiving worker get what they always got.
 *
 * sitemap.xml is held back the same way, until the reader first touches, clicks, hovers, types or
 * tabs (pointerover, pointerdown, touchstart, keydown, focusin). Material's instant navigation
 * fetches it at start-up to know which links it may load without a page reload; it grows with
 * every page (about 3 KB gzip per 1,000 pages), so the first view would grow with the site. Material
 * combines each click with the latest sitemap (withLatestFrom): a click before the sitemap is in is
 * an ordinary page load, the clicks after it are instant, as before.
 *
 * From file:// (the offline build) Material already waits for the search toggle and reads
 * search_index.js instead, and a shim stands in for the worker: this script does nothing there.
 */
;(() => {
  if (location.protocol === "file:" || typeof XMLHttpRequest === "undefined")
    return
  const INDEX = /\/search\/search_index\.json$/
  const SITEMAP = /\/sitemap\.xml$/
  const WORKER = /\/assets\/javascripts\/workers\/[\w.-]+\.js$/
  const proto = XMLHttpRequest.prototype
  const open = proto.open, send = proto.send
  const held = new Map() /* request -> body */
  const index = new WeakSet()
  const sitemap = new WeakSet()
  const heldSitemap = new Map() /* request -> body */
  let wanted = false
  let touched = false
  const path = url => {
    try {
      return new URL(String(url), document.baseURI).pathname
    } catch (err) {
      return "" /* not a URL we know: leave it */
    }
  }

  proto.open = function (method, url, ...rest) {
    if (INDEX.test(path(url)))
      index.add(this)
    else if (SITEMAP.test(path(url)))
      sitemap.add(this)
    return open.call(this, method, url, ...rest)
  }
  proto.send = function (body) {
    if (!wanted && index.has(this))
      return void held.set(this, body)
    if (!touched && sitemap.has(this))
      return void heldSitemap.set(this, body)
    return send.call(this, body)
  }

  /* The search worker's stand-in: an EventTarget with postMessage and terminate, as Material uses it */
  const RealWorker = window.Worker
  const waiting = new Set()
  class LaterWorker extends EventTarget {
    constructor(url, options) {
      super()
      this.args = [url, options]
      this.real = null
      this.onmessage = null
      this.onerror = null
      this.addEventListener("message", ev => this.onmessage && this.onmessage(ev))
      this.addEventListener("error", ev => this.onerror && this.onerror(ev))
      waiting.add(this)
    }
    start() {
      if (this.real)
        return
      waiting.delete(this)
      const real = this.real = new RealWorker(...this.args)
      real.addEventListener("message", ev => this.dispatchEvent(new MessageEvent("message", { data: ev.data })))
      real.addEventListener("error", ev => {
        const copy = new ErrorEvent("error", { message: ev.message, filename: ev.filename, lineno: ev.lineno,
                                               colno: ev.colno, error: ev.error })
        this.dispatchEvent(copy)
      })
    }
    postMessage(message, transfer) {
      if (!this.real)
        this.start()
      this.real.postMessage(message, transfer)
    }
    terminate() {
      waiting.delete(this)
      if (this.real)
        this.real.terminate()
    }
  }
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    window.Worker = function Worker(url, options) {
      if (!new.target)
        throw new TypeError("Worker: use new")
      return !wanted && WORKER.test(path(url)) ? new LaterWorker(url, options) : new RealWorker(url, options)
    }
    window.Worker.prototype = RealWorker.prototype
  }

  const load = () => {
    if (wanted)
      return
    wanted = true
    for (const worker of waiting)
      worker.start()
    for (const [request, body] of held)
      send.call(request, body)
    held.clear()
    document.removeEventListener("focusin", onFocus, true)
    document.removeEventListener("change", onToggle, true)
  }
  const onFocus = ev => {
    if (ev.target instanceof Element && ev.target.matches("[data-md-component=search-query]"))
      load()
  }
  const onToggle = ev => {
    if (ev.target instanceof Element && ev.target.matches("[data-md-toggle=search]") && ev.target.checked)
      load()
  }
  document.addEventListener("focusin", onFocus, true)
  document.addEventListener("change", onToggle, true)
  if (new URLSearchParams(location.search).has("h"))
    load()

  const INTENT = ["pointerover", "pointerdown", "touchstart", "keydown", "focusin"]
  const touch = () => {
    if (touched)
      return
    touched = true
    for (const [request, body] of heldSitemap)
      send.call(request, body)
    heldSitemap.clear()
    for (const name of INTENT)
      document.removeEventListener(name, touch, true)
  }
  for (const name of INTENT)
    document.addEventListener(name, touch, { capture: true, passive: true })
})()
