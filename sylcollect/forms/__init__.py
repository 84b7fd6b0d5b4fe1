"""Forms: XLSForm import, the form model, answer checks, the expression language, scoring.

Import what you need from the submodules (`sylcollect.forms.xlsform.load_form`,
`sylcollect.forms.model.Form`, ...); this package imports nothing so that the light
modules (model, expr) load without pyxform.
"""
