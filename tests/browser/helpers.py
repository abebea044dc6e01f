"""What the browser journeys share: viewports, axe-core, signing in, recording the
Content-Security-Policy's refusals."""

from pathlib import Path

from core.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# axe-core, vendored (tests/browser/vendor/, MPL-2.0): CI needs no npm.
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

# The elements wider than the window, to say what to fix when a page scrolls sideways.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3)})`);
}"""

# Runs before any script of the page, outside its policy: collects what the policy blocked.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""


def axe_violations(page):
    """Serious and critical violations axe-core finds on the page. It is evaluated through the
    browser's debugging protocol, not as a page script: the site's Content-Security-Policy (no
    inline or eval'd script) stays as it is."""
    page.evaluate("source => (0, eval)(source)", AXE)
    return page.evaluate(RUN_AXE)


def sign_in_to_admin(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
