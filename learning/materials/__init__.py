"""Materials for one cohort: the slides and handouts its trainers upload for that run only.

Files live in the private storage and leave only through `views.download`, which lets in the
cohort's confirmed learners, its trainers and cohort managers. An upload is checked by what
the file is, not only by its name (`validators.check_upload`): a PDF must start like one, an
Office file must be the zip package its extension claims, an image must decode. Anything that
a browser could run (HTML, SVG, scripts) is refused whatever it is called.
"""
