"""The web pages: a woman on her phone answers a few questions and gets a clear answer.

Server-rendered HTML over the same service the JSON API uses (so the two
cannot disagree), plain forms that work without JavaScript, and a small
static script that only makes them smoother. ``routes.router`` is included
by the API's app factory; ``views`` turns service values into what the
templates show, in plain words and without ids.
"""
