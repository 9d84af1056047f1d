import { safeFragment, safeUrl } from "./safehtml";

function render(html: string, remoteImages = false): HTMLElement {
  const div = document.createElement("div");
  div.append(safeFragment(html, { remoteImages, imagePlaceholder: "image not loaded" }));
  return div;
}

describe("rendering item HTML", () => {
  it("drops scripts, handlers and javascript: links", () => {
    const div = render(`<p onclick="x()">Hi <script>window.__pwned=1</script><a href="javascript:alert(1)">x</a><iframe src="https://e.example"></iframe></p>`);
    expect(div.innerHTML).toBe('<p>Hi <a rel="noopener noreferrer" class="external">x</a></p>');
  });

  it("keeps http(s) links and unwraps unknown elements", () => {
    const div = render(`<custom-el><a href="https://ecre.org/x" target="_blank">ECRE</a></custom-el>`);
    expect(div.innerHTML).toBe('<a href="https://ecre.org/x" rel="noopener noreferrer" class="external">ECRE</a>');
  });

  it("keeps the blocks of an article apart", () => {
    const div = render(`<section>Arrivals fell.</section><article><header>Head</header>Body</article>`);
    expect(div.innerHTML).toBe("<section>Arrivals fell.</section><article><header>Head</header>Body</article>");
  });

  it("loads images only when allowed, and only over https", () => {
    expect(render(`<img src="https://e.example/a.png" alt="map" onerror="x()">`).innerHTML).toBe('<span class="img-placeholder">[image not loaded: map]</span>');
    const allowed = render(`<img src="https://e.example/a.png" alt="map" onerror="x()">`, true);
    expect(allowed.querySelector("img")?.getAttribute("src")).toBe("https://e.example/a.png");
    expect(allowed.querySelector("img")?.getAttribute("onerror")).toBeNull();
    expect(render(`<img src="http://e.example/a.png">`, true).querySelector("img")).toBeNull();
  });

  it("accepts only absolute web URLs", () => {
    expect(safeUrl("https://a.example/")).toBe("https://a.example/");
    expect(safeUrl("  javascript:alert(1)")).toBeNull();
    expect(safeUrl("/relative")).toBeNull();
    expect(safeUrl("data:text/html,hi")).toBeNull();
  });
});
