"""Documents made from the register: a view model first, then renderers (Excel, HTML/PDF,
privacy-notice tables). Heavy libraries are imported only by the renderer that needs them."""
