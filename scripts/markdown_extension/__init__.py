"""The site's Markdown extension (issue 34): what the build does with a page's Markdown, written so that
any generator that runs Python-Markdown with mkdocs.yml's markdown_extensions gets it (MkDocs, Zensical).

- kennisbank.py: the extension (``scripts.markdown_extension.kennisbank`` under ``markdown_extensions:``) and the
  functions it and the MkDocs build steps call for each marker;
- quiz_html.py: a question bank as mkdocs-quiz's HTML, for a build in which mkdocs-quiz does not run.
"""
