/* Search that forgives how people type (issue 19).
 *
 * This is the search worker of the site: Material's own worker, loaded unchanged with
 * importScripts, with one step in front of it. Material 9 has no hook to transform the query
 * (custom transforms were removed in 9.0.0), so scripts/build/search_index.py points Material's
 * config.search at this file: zoeken.js?material=<the name of Material's worker>. The file sits
 * in Material's worker folder, so Material's worker finds lunr's language files (../lunr/).
 *
 * The step: every word of the query that the exact search finds somewhere stays as typed, so
 * exact matches keep ranking first. A word that the exact search finds nowhere becomes
 *   1. its stem, when it ends in a Dutch diminutive or plural ending (vlindermesje -> vlindermes);
 *   2. else, for a word of five letters or more, lunr's fuzzy term word~1 (stileto -> stiletto);
 *   3. else its two parts, when it joins two index words (huiselijkgeweld -> huiselijk geweld).
 * Two typed words that the index holds as one word are joined (meld code -> meldcode), and a
 * single letter beside other words is left out (e-learning -> learning).
 * Material then turns the words into its own query (word -> word*), as it always does.
 *
 * scripts/bench/search_bench.py (SiteSearch.forgive) replays every step in Python: the benchmark
 * decides each rule, and tests/bench/test_search_browser.py checks that both give the same results.
 * Change both, or neither.
 */
"use strict"

/* One closure: nothing of this file is global, also not in the shim's iframe (a window) */
;(() => {

const MIN_FUZZY = 5 /* fuzzy (edit distance 1) only for words of five letters or more */
const MIN_STEM = 3  /* a stem or compound part keeps at least three letters */
const MIN_PART = 3
/* Dutch diminutive and plural endings, longest first; stem() keeps the longest known form */
const ENDINGS = ["etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "'s", "en", "s"]
const VOWELS = "aeiou"
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
const SETUP = 0, QUERY = 2 /* Material's SearchMessageType */

/* Spellings of a stem once the ending is off: messen -> mes, huizen -> huis, brieven -> brief,
 * scholen -> school */
function stemForms(base, ending) {
  const forms = [base]
  if (ending === "en" && base.length >= 2) {
    const last = base[base.length - 1], before = base[base.length - 2]
    if (last === before && !VOWELS.includes(last))
      forms.push(base.slice(0, -1))
    if (last === "z")
      forms.push(base.slice(0, -1) + "s")
    if (last === "v")
      forms.push(base.slice(0, -1) + "f")
    if (!VOWELS.includes(last) && VOWELS.includes(before)
        && (base.length < 3 || !VOWELS.includes(base[base.length - 3])))
      forms.push(base.slice(0, -1) + before + last)
  }
  return forms
}

const trim = term => term.replace(EDGE, "")
const plain = term => !/[+\-~^*: ]/.test(term)

class Forgiving {
  constructor(index, config) {
    this.index = index
    this.vocabulary = Object.keys(index.invertedIndex).sort()
    this.words = new Set(this.vocabulary.map(trim)) /* whole index words, punctuation aside */
    this.separator = new RegExp(config.separator)
    const filter = config.pipeline.includes("stopWordFilter") && lunr.nl
      ? lunr.nl.stopWordFilter : undefined
    this.isStopWord = term => typeof filter !== "undefined" && !filter(term)
  }

  /* The exact query finds the term: some index word starts with it (Material's term*) */
  known(term) {
    let lo = 0, hi = this.vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.vocabulary[mid] < term) lo = mid + 1
      else hi = mid
    }
    return lo < this.vocabulary.length && this.vocabulary[lo].startsWith(term)
  }

  /* lunr's term~1 matches an index word (one letter added, dropped, changed or swapped) */
  fuzzyFinds(term) {
    return this.index.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(term, 1)).toArray().length > 0
  }

  stem(term) {
    let best = null
    for (const ending of ENDINGS) {
      if (!term.endsWith(ending) || term.length - ending.length < MIN_STEM)
        continue
      const base = term.slice(0, term.length - ending.length)
      for (const form of stemForms(base, ending))
        if (form.length >= MIN_STEM && this.known(form) && (best === null || form.length > best.length))
          best = form
    }
    return best
  }

  /* A joined word as two index words: the first a whole word (with or without a linking s or e),
   * the second known; the longest first part wins */
  splitCompound(term) {
    for (let i = term.length - MIN_PART; i >= MIN_PART; i--) {
      const head = term.slice(0, i), tail = term.slice(i)
      if (!this.known(tail))
        continue
      if (this.words.has(head))
        return [head, tail]
      if ("se".includes(head[head.length - 1]) && this.words.has(head.slice(0, -1))
          && head.length - 1 >= MIN_PART)
        return [head.slice(0, -1), tail]
    }
    return null
  }

  /* Two typed words that the index holds as one word (with or without a linking s) */
  joinCompound(first, second) {
    for (const joined of [first + second, first + "s" + second])
      if (this.words.has(joined))
        return joined
    return null
  }

  forgiveTerm(term) {
    if (this.known(term) || this.isStopWord(term))
      return term
    const stem = this.stem(term)
    if (stem)
      return stem
    if (term.length >= MIN_FUZZY && this.fuzzyFinds(term))
      return `${term}~1`
    const parts = this.splitCompound(term)
    return parts ? parts.join(" ") : term
  }

  forgive(query) {
    const out = []
    for (const part of query.trim().split(/\s+/)) {
      if (!part)
        continue
      if (/^[+-]/.test(part) || /[":^~*]/.test(part)) {
        out.push(part) /* lunr query syntax: the reader means it as typed */
        continue
      }
      for (const term of part.toLowerCase().split(this.separator).map(trim))
        if (term)
          out.push(this.forgiveTerm(term))
    }
    const joined = []
    for (let i = 0; i < out.length; ) {
      const pair = i + 1 < out.length && plain(out[i]) && plain(out[i + 1])
        ? this.joinCompound(out[i], out[i + 1]) : null
      joined.push(pair || out[i])
      i += pair ? 2 : 1
    }
    /* A single letter beside other words goes (e-learning -> learning): as e* it would match
     * every word that starts with it */
    const kept = joined.length > 1 ? joined.filter(t => !(t.length === 1 && plain(t))) : joined
    return (kept.length ? kept : joined).join(" ")
  }
}

/* ----------------------------------------------------------------------------
 * Material's worker, in this worker
 * ------------------------------------------------------------------------- */

/* Material's worker answers each message with postMessage(await handler(message)). Keep its
 * message listener to ourselves and catch its answer, so that this worker decides what it gets. */
let material = null
let answer = null
const listen = self.addEventListener.bind(self)
const post = self.postMessage.bind(self)
self.addEventListener = (type, fn, options) =>
  type === "message" && material === null ? void (material = fn) : listen(type, fn, options)
self.postMessage = message => {
  if (answer === null)
    return post(message)
  const resolve = answer
  answer = null
  resolve(message)
}
const ask = data => new Promise(resolve => {
  answer = resolve
  material({ data })
})

/* This script's own address: in a worker its location; under the iframe-worker shim of the
 * offline build (file://, see mkdocs-offline.yml) a script element in an iframe, whose address
 * the shim extends with ?<time>, and whose importScripts loads scripts one after another */
const here = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src : self.location.href
const name = (new URL(here).searchParams.get("material") || "").split("?")[0]
if (!/^[\w.-]+\.js$/.test(name))
  throw new Error(`zoeken.js: no Material search worker given (?material=${name})`)

/* Material builds its lunr index once, at setup: keep a reference to read its words */
let index = null
const loaded = Promise.resolve(importScripts(new URL(name, here).href)) /* same folder, never another host */
  .then(() => {
    const build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {
      return index = build.call(this)
    }
  })

let forgiving = null
async function handle(message) {
  if (message.type === SETUP) {
    const ready = await ask(message)
    forgiving = index ? new Forgiving(index, message.data.config) : null
    return ready
  }
  if (message.type === QUERY && forgiving && typeof message.data === "string") {
    let query = message.data
    try {
      query = forgiving.forgive(message.data)
    } catch (err) {
      console.warn("zoeken.js: query kept as typed", err)
    }
    return ask({ ...message, data: query })
  }
  return ask(message)
}

/* One message at a time, in order, as Material's own worker answers them */
let queue = loaded
listen("message", ev => {
  queue = queue.then(() => handle(ev.data)).then(post, err => console.warn(err))
})

})()
