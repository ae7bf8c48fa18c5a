"""What every API route depends on: the app's settings (set by create_app, never global)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from supple.config import Settings


def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
