"""Renderers: terminal text, the contract's JSON, the HTML report."""
