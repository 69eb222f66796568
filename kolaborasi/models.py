"""Models of kolaborasi arrive with their issues; see ../shared/domain/model.md."""
