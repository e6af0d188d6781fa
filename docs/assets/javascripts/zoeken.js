/* The site's own search box in the header (issue 34, overrides/partials/zoeken.html). This file
 * is all a page loads of search; on first use (focus in the box, the keys / s f, or the search button
 * on a phone) it loads lunr, lunr-languages' Dutch support, the index (search/search_index.js) and the
 * search itself (zoekmachine.js: the forgiving query and the ranking, see there) as script elements,
 * so search works from disk (file://) too, without a worker. A page opened from a result (?h=words)
 * gets those words highlighted (zoekmachine.js, without lunr or the index).
 */
;(() => {
"use strict"

const LUNR = ["lunr.min.js"]

/* Loading on first use */

const siteConfig = () => {
  const el = document.getElementById("__config")
  return el ? JSON.parse(el.textContent) : { base: ".", translations: {} }
}
const base = () => new URL(siteConfig().base.replace(/\/?$/, "/"), location.href)

const loadScript = src => new Promise((resolve, reject) => {
  const script = document.createElement("script")
  script.src = src
  script.onload = () => resolve()
  script.onerror = () => reject(new Error(`zoeken.js: ${src} niet geladen`))
  document.head.appendChild(script)
})

let ready = null
function load() {
  if (ready)
    return ready
  const root = base()
  ready = (async () => {
    for (const name of LUNR)
      await loadScript(new URL(`assets/javascripts/lunr/${name}`, root).href)
    await loadScript(new URL("search/search_index.js", root).href)
    const data = window.__index
    const languages = data.config.lang.filter(lang => lang !== "en")
    if (languages.length)
      await loadScript(new URL("assets/javascripts/lunr/lunr.stemmer.support.min.js", root).href)
    for (const lang of languages)
      await loadScript(new URL(`assets/javascripts/lunr/lunr.${lang}.min.js`, root).href)
    await loadCode()
    return new window.kennisbankZoekmachine(data)
  })()
  ready.catch(err => {
    console.warn(err)
    ready = null
  })
  return ready
}

/* For the search benchmark (scripts/bench/search_bench.py --browser): the same code as the box */
window.kennisbankZoeken = {
  ready: () => load().then(() => true),
  search: async query => (await load()).search(query),
}

/* The box in the header */

const $ = selector => document.querySelector(selector)
const toggle = () => document.getElementById("__search")
const input = () => $("[data-zoeken-vraag]")

function open() {
  const box = toggle()
  if (box && !box.checked) {
    box.checked = true
    box.dispatchEvent(new Event("change", { bubbles: true }))
  }
  load()
}

function close() {
  const box = toggle()
  if (box && box.checked) {
    box.checked = false
    box.dispatchEvent(new Event("change", { bubbles: true }))
  }
  const field = input()
  if (field)
    field.blur()
}

let asked = 0
async function show(query) {
  const status = $("[data-zoeken-melding]")
  const turn = ++asked
  if (query.trim() && status)
    status.textContent = "Zoeken…"
  try {
    const search = await load()
    if (turn === asked)
      window.kennisbankZoekmachine.show(search, query)
  } catch (err) {
    if (status)
      status.textContent = "De zoekfunctie kon niet laden. Probeer het opnieuw."
  }
}

const editable = el => el instanceof HTMLElement
  && (el.isContentEditable || /^(input|select|textarea)$/i.test(el.tagName))

function links() {
  return [...document.querySelectorAll("[data-zoeken-lijst] .md-search-result__link")]
}

function onKey(ev) {
  const field = input()
  if (!field || ev.ctrlKey || ev.metaKey || ev.altKey)
    return
  const target = ev.target
  if (target === field) {
    if (ev.key === "ArrowDown" && links().length) {
      ev.preventDefault()
      links()[0].focus()
    } else if (ev.key === "Escape") {
      ev.preventDefault()
      close()
    } else if (ev.key === "Enter") {
      ev.preventDefault()
      const first = links()[0]
      if (first)
        first.click()
    } else if ((ev.key === "ArrowRight" || ev.key === "Tab") && !ev.shiftKey) {
      const suggestion = $("[data-zoeken-suggestie]")
      const text = suggestion ? suggestion.textContent : ""
      if (text && field.selectionStart === field.value.length && text !== field.value) {
        ev.preventDefault()
        field.value = text
        show(text)
      }
    }
    return
  }
  const all = links()
  const at = all.indexOf(target)
  if (at >= 0) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault()
      const next = at + (ev.key === "ArrowDown" ? 1 : -1)
      if (next < 0)
        field.focus()
      else
        all[Math.min(next, all.length - 1)].focus()
    } else if (ev.key === "Escape") {
      ev.preventDefault()
      field.focus()
    }
    return
  }
  /* Material's shortcuts for search: / s f, anywhere but in a field */
  if (["/", "s", "f"].includes(ev.key) && !editable(target) && !(toggle() || {}).checked) {
    ev.preventDefault()
    field.focus()
    field.select()
  }
}

document.addEventListener("keydown", onKey)
document.addEventListener("focusin", ev => {
  if (ev.target === input())
    open()
})
document.addEventListener("change", ev => {
  const box = toggle()
  if (ev.target === box && box.checked && input() && document.activeElement !== input())
    input().focus()
})
document.addEventListener("input", ev => {
  if (ev.target === input())
    show(ev.target.value)
})
document.addEventListener("reset", ev => {
  if (ev.target instanceof HTMLFormElement && ev.target.contains(input()))
    setTimeout(() => {
      show("")
      input().focus()
    })
})
document.addEventListener("submit", ev => {
  if (ev.target instanceof HTMLFormElement && ev.target.contains(input()))
    ev.preventDefault()
})

/* Highlighting on a page opened from a result (?h=) */

let code = null /* zoekmachine.js: the search and the highlighting */
const loadCode = () => code || (code = loadScript(new URL("assets/javascripts/zoekmachine.js", base()).href))
function highlight() {
  if (new URLSearchParams(location.search).has("h"))
    loadCode().then(() => window.kennisbankZoekmachine.highlight(), err => console.warn(err))
}

/* Material's document$ (instant navigation) gives every new page; without it, the one page */
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function")
  window.document$.subscribe(highlight)
else if (document.readyState === "loading")
  document.addEventListener("DOMContentLoaded", highlight)
else
  highlight()

})()
