// Rendering an item's HTML. The core sanitized it before storing it, and the CSP forbids
// inline scripts and event handlers; this is the third wall. The HTML is parsed into an inert
// document (DOMParser runs no script and loads no image), then rebuilt element by element in
// the live document from an allowlist: unknown elements are unwrapped, dangerous ones dropped
// with their content, and only a few attributes survive. Links must be http(s); images load
// only when the analyst allowed remote images, and only over https.

const KEEP = new Set([
  "p", "br", "a", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4",
  "h5", "h6", "pre", "code", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
  "caption", "hr", "span", "div", "sub", "sup", "small", "abbr", "cite", "q", "dl", "dt", "dd", "time", "mark",
  // Sections of an article are blocks: unwrapped, their paragraphs would run together.
  "section", "article", "header", "footer", "aside", "main", "del", "ins",
]);

const DROP = new Set([
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "template", "noscript", "svg", "math",
  "link", "meta", "base", "form", "input", "button", "textarea", "select", "video", "audio", "source", "track",
  "canvas", "applet", "portal",
]);

const ATTRS: Record<string, string[]> = {
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan", "scope"],
  abbr: ["title"],
  q: ["cite"],
  time: ["datetime"],
};

export interface RenderOptions {
  remoteImages: boolean;
  /** Text shown in place of an image that is not loaded. */
  imagePlaceholder: string;
}

/** A URL is kept only when it is absolute http(s). */
export function safeUrl(raw: string | null, schemes: string[] = ["http:", "https:"]): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function safeFragment(html: string, options: RenderOptions): DocumentFragment {
  const inert = new DOMParser().parseFromString(html, "text/html");
  const out = document.createDocumentFragment();
  copyChildren(inert.body, out, options);
  return out;
}

function copyChildren(from: Node, to: Node, options: RenderOptions): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(child.textContent ?? ""));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      copyElement(child as Element, to, options);
    }
  }
}

function copyElement(el: Element, to: Node, options: RenderOptions): void {
  const tag = el.localName.toLowerCase();
  if (DROP.has(tag)) return;
  if (!KEEP.has(tag)) {
    copyChildren(el, to, options);
    return;
  }
  if (tag === "img") {
    to.appendChild(copyImage(el, options));
    return;
  }
  const copy = document.createElement(tag);
  for (const name of ATTRS[tag] ?? []) {
    const value = el.getAttribute(name);
    if (value === null) continue;
    if (name === "href" || name === "cite") {
      const url = safeUrl(value);
      if (url) copy.setAttribute(name, url);
    } else {
      copy.setAttribute(name, value);
    }
  }
  if (tag === "a") {
    copy.setAttribute("rel", "noopener noreferrer");
    copy.classList.add("external");
  }
  copyChildren(el, copy, options);
  to.appendChild(copy);
}

function copyImage(el: Element, options: RenderOptions): Node {
  const src = safeUrl(el.getAttribute("src"), ["https:"]);
  const alt = el.getAttribute("alt") ?? "";
  if (!options.remoteImages || !src) {
    const placeholder = document.createElement("span");
    placeholder.className = "img-placeholder";
    placeholder.textContent = alt ? `[${options.imagePlaceholder}: ${alt}]` : `[${options.imagePlaceholder}]`;
    return placeholder;
  }
  const img = document.createElement("img");
  img.setAttribute("src", src);
  img.setAttribute("alt", alt);
  img.setAttribute("loading", "lazy");
  img.setAttribute("referrerpolicy", "no-referrer");
  return img;
}
