"""Models of monev arrive with their issues; see ../shared/domain/model.md."""
