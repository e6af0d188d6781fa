/* The search of the site's own search box (issue 34): the index, the forgiving query and the ranking.
 * Loaded with lunr on first use by zoeken.js (the box in the header, overrides/partials/zoeken.html).
 *
 * Material's search plugin is off; this and lunr.js with lunr-languages' Dutch support
 * (docs/assets/javascripts/lunr/, pinned in package.json) are the search.
 *
 * The index is built as Material's worker built it (fields and boosts from the index's config,
 * BM25 with b = 0, the words split on the configured separator), a query is turned into
 * trailing-wildcard terms as Material did (messen -> messen*), and the results are ranked and grouped
 * per page as Material did. In front of that, the forgiving query (issue 19): in a query of several
 * words the stop words go (the index config's query_stop_words: "wie bel ik als er ..." asks for
 * "bel ..."); every word the exact search finds somewhere stays as typed, so exact matches keep
 * ranking first. A word found nowhere becomes
 *   1. its stem, when it ends in a Dutch diminutive or plural ending (vlindermesje -> vlindermes);
 *   2. else, for a word of five letters or more, lunr's fuzzy term word~1 (stileto -> stiletto);
 *   3. else its two parts, when it joins two index words (huiselijkgeweld -> huiselijk geweld).
 * Two typed words that the index holds as one word are joined (meld code -> meldcode), and a
 * single letter beside other words is left out (e-learning -> learning). A word that is a whole
 * index word is also asked alone, boosted (the config's exact_boost: school^5 beside school*), so a
 * rare longer word that only starts with it (schoolveiligheidsconvenant) does not outrank it.
 *
 * scripts/bench/search_bench.py replays every step in Python, and with --browser runs this code
 * (through zoeken.js's kennisbankZoeken.search) in Chromium: the benchmark decides each rule, and both must give the same
 * results (tests/bench/test_search_browser.py). Change both, or neither.
 *
 * A page opened from a result (?h=words) gets those words highlighted; that needs no index.
 */
;(() => {
"use strict"

const MIN_FUZZY = 5 /* fuzzy (edit distance 1) only for words of five letters or more */
const MIN_STEM = 3  /* a stem or compound part keeps at least three letters */
const MIN_PART = 3
/* Dutch diminutive and plural endings, longest first; stem() keeps the longest known form */
const ENDINGS = ["etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "'s", "en", "s"]
const VOWELS = "aeiou"
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
const TAG = /<[^>]+>/g

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

/* ----------------------------------------------------------------------------
 * The search: index, forgiving query, Material's query transform and ranking
 * ------------------------------------------------------------------------- */

class Search {
  constructor(data) {
    const config = this.config = data.config
    this.docs = new Map(data.docs.map(doc => [doc.location, doc]))
    this.separator = new RegExp(config.separator)
    const tokens = value => this.tokens(value)
    this.index = lunr(function () {
      const languages = config.lang.filter(lang => lang !== "en" && lunr[lang])
      if (languages.length === 1)
        this.use(lunr[languages[0]])
      /* the language's trimmer, stop word filter and stemmer run only if the config names them */
      for (const name of ["trimmer", "stopWordFilter", "stemmer"]) {
        if (config.pipeline.includes(name))
          continue
        for (const lang of [lunr, ...languages.map(l => lunr[l])]) {
          this.pipeline.remove(lang[name])
          this.searchPipeline.remove(lang[name])
        }
      }
      this.ref("location")
      this.b(0) /* no normalisation by field length */
      for (const [name, options] of Object.entries(config.fields))
        this.field(name, { boost: options.boost === undefined ? 1 : options.boost, extractor: doc => tokens(doc[name]) })
      for (const doc of data.docs)
        this.add(doc, "boost" in doc ? { boost: doc.boost } : undefined)
    })
    this.vocabulary = Object.keys(this.index.invertedIndex).sort()
    this.words = new Set(this.vocabulary.map(trim)) /* whole index words, punctuation aside */
    const dutch = config.lang.includes("nl") && lunr.nl
    this.isStopWord = config.pipeline.includes("stopWordFilter") && dutch
      ? term => !lunr.nl.stopWordFilter(term) : () => false
    this.queryStopWords = new Set(config.query_stop_words || [])
    this.exactBoost = config.exact_boost
  }

  /* The words of a field as lunr gets them: tags out, lower case, split on the separator */
  tokens(value) {
    if (value === undefined || value === null)
      return []
    const out = []
    for (const item of Array.isArray(value) ? value : [value])
      for (const token of String(item).replace(TAG, " ").toLowerCase().split(this.separator))
        if (token)
          out.push(token)
    return out
  }

  /* The exact query finds the term: some index word starts with it (term*) */
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
    const typed = [] /* { term, syntax: lunr query syntax, capitals: typed in capitals (OM) } */
    const mixed = /\p{Ll}/u.test(query) /* with caps lock on, capitals say nothing */
    for (const part of query.trim().split(/\s+/)) {
      if (!part)
        continue
      if (/^[+-]/.test(part) || /[":^~*]/.test(part)) {
        typed.push({ term: part, syntax: true }) /* lunr query syntax: the reader means it as typed */
        continue
      }
      for (const word of part.split(this.separator).map(trim))
        if (word)
          typed.push({ term: word.toLowerCase(),
                       capitals: mixed && word === word.toUpperCase() && word !== word.toLowerCase() })
    }
    /* In a query of several words the stop words go, but not an abbreviation in capitals (OM, not
     * om); a query of stop words alone stays */
    const content = typed.filter(t => t.syntax || t.capitals || !this.queryStopWords.has(t.term))
    const out = (content.length ? content : typed).map(t => t.syntax ? t.term : this.forgiveTerm(t.term))
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

  /* Material's query transform: every term a trailing-wildcard term, lunr's syntax kept */
  transform(query) {
    const cleaned = query.trim().replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    const out = []
    for (const word of cleaned.split(/\s+/))
      for (let term of word.split(this.separator)) {
        if (!term)
          continue
        if (/[~^]$/.test(term))
          term += "1"
        out.push(/(^[+-]|[~^]\d+$)/.test(term) ? term : term + "*")
      }
    return out.join(" ")
  }

  /* The clauses that favour a whole index word over the words that only start with it (school^5) */
  exact(forgiven) {
    if (!this.exactBoost)
      return ""
    return forgiven.split(" ").filter(t => t && plain(t) && this.words.has(t))
      .map(t => `${t}^${this.exactBoost}`).join(" ")
  }

  /* The results, per page in the order shown: [{ page, hits: [doc, ...], terms }] */
  rank(query) {
    const forgiven = this.forgive(query)
    const transformed = this.transform(forgiven)
    if (!transformed)
      return []
    let hits
    try {
      hits = this.index.search(`${transformed} ${this.exact(forgiven)}`.trim())
    } catch (err) {
      return [] /* lunr's query syntax, half typed */
    }
    const terms = transformed.split(" ").map(t => t.replace(/\*+$/, "").toLowerCase())
    const scored = hits.map(hit => {
      const doc = this.docs.get(hit.ref)
      const matched = Object.keys(hit.matchData.metadata)
      const found = new Map()
      for (const term of terms) {
        if (matched.some(m => m.startsWith(term)))
          found.set(term, true)
        else if (lunr.stopWordFilter(term)) /* Material leaves lunr's English stop words out */
          found.set(term, false)
      }
      const share = found.size ? [...found.values()].filter(Boolean).length / found.size : 0
      const factor = (doc.location.includes("#") ? 0 : 1) + share
      return { doc, score: hit.score * (1 + factor ** 2) }
    })
    scored.sort((a, b) => b.score - a.score)
    const pages = new Map()
    for (const { doc } of scored) {
      const page = doc.location.split("#")[0]
      if (!pages.has(page))
        pages.set(page, [])
      pages.get(page).push(doc)
    }
    const words = terms.map(t => t.replace(/^[+-]|[~^]\d*$/g, "")).filter(t => t.length > 1)
    return [...pages].map(([page, docs]) => ({ page, hits: docs, terms: words }))
  }

  search(query) {
    return this.rank(query).map(result => result.page)
  }

  /* The typed query with its last word completed by the shortest index word that starts with it */
  suggest(query) {
    const match = /(\S+)$/.exec(query)
    if (!match || query.length < 2)
      return ""
    const last = match[1].toLowerCase()
    let best = null
    for (let i = this.vocabulary.findIndex(w => w.startsWith(last)); i >= 0 && i < this.vocabulary.length; i++) {
      const word = this.vocabulary[i]
      if (!word.startsWith(last))
        break
      if (word !== last && /^[\p{L}\p{N}]+$/u.test(word) && (best === null || word.length < best.length))
        best = word
    }
    return best ? query.slice(0, query.length - last.length) + best : ""
  }
}

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/* A page opened from a result (?h=words): the words marked in the article */
function highlight() {
  const words = (new URLSearchParams(location.search).get("h") || "").toLowerCase()
    .split(/\s+/).map(trim).filter(w => w.length > 1)
  const article = document.querySelector("article")
  if (!words.length || !article || article.querySelector("mark[data-zoeken]"))
    return
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu")
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: node => node.parentElement.closest("script, style, mark, .headerlink, .quiz")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  })
  const nodes = []
  while (walker.nextNode())
    nodes.push(walker.currentNode)
  for (const node of nodes) {
    const text = node.nodeValue
    pattern.lastIndex = 0
    if (!pattern.test(text))
      continue
    pattern.lastIndex = 0
    const out = document.createDocumentFragment()
    let at = 0
    for (const match of text.matchAll(pattern)) {
      out.append(text.slice(at, match.index))
      const mark = document.createElement("mark")
      mark.dataset.zoeken = ""
      mark.textContent = match[0]
      out.append(mark)
      at = match.index + match[0].length
    }
    out.append(text.slice(at))
    node.replaceWith(out)
  }
}

/* The results in the box (zoeken.js calls Search.show once this file and the index are in) */
const $ = selector => document.querySelector(selector)
const MAX_RESULTS = 20
const siteConfig = () => JSON.parse((document.getElementById("__config") || { textContent: '{"base": "."}' }).textContent)
const base = () => new URL(siteConfig().base.replace(/\/?$/, "/"), location.href)
const t = (key, fallback) => (siteConfig().translations || {})[key] || fallback

function marked(text, terms) {
  const out = document.createDocumentFragment()
  if (!terms.length) {
    out.append(text)
    return out
  }
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu")
  let at = 0
  for (const match of text.matchAll(pattern)) {
    out.append(text.slice(at, match.index))
    const mark = document.createElement("mark")
    mark.textContent = match[0]
    out.append(mark)
    at = match.index + match[0].length
  }
  out.append(text.slice(at))
  return out
}

const plainText = html => {
  const div = document.createElement("div")
  div.innerHTML = html.replace(TAG, " ")
  return div.textContent.replace(/\s+/g, " ").trim()
}

/* Up to 160 letters of the text around the first word found */
function snippet(text, terms) {
  const lower = text.toLowerCase()
  const at = Math.min(...terms.map(term => lower.indexOf(term)).filter(i => i >= 0), text.length)
  const start = at < text.length && at > 60 ? text.lastIndexOf(" ", at - 40) + 1 : 0
  const piece = text.slice(start, start + 160)
  return (start > 0 ? "… " : "") + piece + (start + 160 < text.length ? " …" : "")
}

function resultLink(doc, terms, level, root) {
  const url = new URL(doc.location, root)
  if (terms.length)
    url.searchParams.set("h", terms.join(" "))
  const link = document.createElement("a")
  link.className = "md-search-result__link"
  link.href = url.href
  const article = document.createElement("article")
  article.className = "md-search-result__article md-typeset"
  if (level === 1)
    article.classList.add("md-search-result__article--document")
  const title = document.createElement(level === 1 ? "h1" : "h2")
  title.append(marked(plainText(doc.title), terms))
  article.append(title)
  const text = plainText(doc.text || "")
  if (text) {
    const p = document.createElement("p")
    p.append(marked(snippet(text, terms), terms))
    article.append(p)
  }
  link.append(article)
  return link
}

function show(search, query) {
  const list = $("[data-zoeken-lijst]"), status = $("[data-zoeken-melding]")
  const suggestion = $("[data-zoeken-suggestie]")
  if (!list || !status)
    return
  if (!query.trim()) {
    list.replaceChildren()
    status.textContent = t("search.result.placeholder", "Typ een woord of een vraag")
    if (suggestion)
      suggestion.textContent = ""
    return
  }
  const results = search.rank(query)
  const root = base()
  const items = results.slice(0, MAX_RESULTS).map(({ hits, terms }) => {
    const item = document.createElement("li")
    item.className = "md-search-result__item"
    const [first, ...rest] = hits
    item.append(resultLink(first, terms, first.location.includes("#") ? 2 : 1, root))
    for (const doc of rest.slice(0, 2))
      item.append(resultLink(doc, terms, 2, root))
    return item
  })
  list.replaceChildren(...items)
  const count = results.length
  status.textContent = count === 0 ? t("search.result.none", "Niets gevonden")
    : count === 1 ? t("search.result.one", "1 resultaat")
    : t("search.result.other", "# resultaten").replace("#", count)
  if (suggestion)
    suggestion.textContent = search.suggest(query)
}

/* For zoeken.js, which loads this file after lunr (the search) or alone (the highlighting) */
Search.highlight = highlight
Search.show = show
window.kennisbankZoekmachine = Search

})()
