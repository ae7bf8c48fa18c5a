"""All bytes a first visit to a page transfers (bodies and headers), measured in a fresh
browser context so nothing comes from a cache. Used by a test and by bench_page_weight.py."""

from __future__ import annotations

from typing import Any

TARGET_BYTES = 150 * 1024


def page_weight(browser: Any, url: str, service_workers: str = "block") -> dict[str, Any]:
    """{total_bytes, requests, by_type, target_bytes, under_target, audio_excluded} for `url`.

    Audio (cue WAVs) is left out: the target is for the page without audio. The service worker
    is blocked so its own pre-caching is not counted as part of the page.
    """
    context = browser.new_context(service_workers=service_workers)
    sizes: list[tuple[str, str, int]] = []

    def on_response(response: Any) -> None:
        try:
            body = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            body = 0
        head = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        sizes.append((response.request.resource_type, response.url, body + head))

    page = context.new_page()
    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    context.close()
    kept = [s for s in sizes if s[0] != "media" and "/audio/" not in s[1]]
    by_type: dict[str, int] = {}
    for kind, _, n in kept:
        by_type[kind] = by_type.get(kind, 0) + n
    total = sum(n for _, _, n in kept)
    return {
        "url": url,
        "total_bytes": total,
        "requests": len(kept),
        "by_type": by_type,
        "target_bytes": TARGET_BYTES,
        "under_target": total < TARGET_BYTES,
        "audio_excluded": len(sizes) - len(kept),
    }
