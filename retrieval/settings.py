"""Settings of the question-answering core, read from the environment and an optional .env."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAX_DOCUMENT_MB = 2.0
DEFAULT_CURATED_FLOOR = 0.9175  # e5 query–query cosine; calibrated by bench/bench_curated.py


class CoreSettings(BaseSettings):
    """Where the knowledge lives, which embedder to use and where the index is kept."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    knowledge_dir: Path = Field(PROJECT_ROOT / "knowledge", alias="KNOWLEDGE_DIR")
    data_dir: Path = Field(PROJECT_ROOT / "data", alias="BOT_DATA_DIR")
    embedder: str = Field("e5", alias="EMBEDDER")
    chroma_host: str | None = Field(None, alias="CHROMA_HOST")
    chroma_port: int | None = Field(None, alias="CHROMA_PORT", ge=1, le=65535)
    timezone: str = Field("Asia/Shanghai", alias="TIMEZONE")
    # Overrides the embedder's calibrated evidence threshold (cosine); for st:<model> deployments.
    # Text of one document (UTF-8 MB); more is refused at upload and at build (embedding ~10 min per MB).
    max_document_mb: float = Field(DEFAULT_MAX_DOCUMENT_MB, alias="MAX_DOCUMENT_MB", gt=0)
    # How close (e5 cosine between the two questions) a question must be to a curated one to get its answer.
    curated_match_floor: float = Field(DEFAULT_CURATED_FLOOR, alias="CURATED_MATCH_FLOOR", ge=0, le=1)

    # Optional LLM answerer (OpenAI-compatible); unset means extractive answers only.
    llm_base_url: str | None = Field(None, alias="LLM_BASE_URL")
    llm_api_key: str | None = Field(None, alias="LLM_API_KEY", repr=False)
    llm_model: str | None = Field(None, alias="LLM_MODEL")
    llm_timeout_s: float = Field(20.0, alias="LLM_TIMEOUT_S", gt=0)

    @field_validator("embedder")
    @classmethod
    def _known_embedder(cls, value: str) -> str:
        value = value.strip()
        if value in ("e5", "use") or (value.startswith("st:") and len(value) > 3):
            return value
        raise ValueError("EMBEDDER 必须是 e5、use 或 st:<模型名或路径>")

    @field_validator("llm_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("LLM_BASE_URL 必须以 http:// 或 https:// 开头，例如 http://127.0.0.1:11434/v1")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"TIMEZONE 不是有效的时区名（例如 Asia/Shanghai）：{value!r}") from exc
        return value

    @field_validator("chroma_host", "llm_base_url", "llm_api_key", "llm_model", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("chroma_port", mode="before")
    @classmethod
    def _blank_port_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def documents_dir(self) -> Path:
        """Folder of source documents (.txt/.md with front matter)."""
        return self.knowledge_dir / "documents"

    @property
    def chroma_dir(self) -> Path:
        """Folder of the embedded Chroma database."""
        return self.data_dir / "chroma"

    @property
    def llm_enabled(self) -> bool:
        """True when an OpenAI-compatible endpoint and model are configured."""
        return bool(self.llm_base_url and self.llm_model)


@lru_cache
def get_settings() -> CoreSettings:
    """The process-wide settings, validated once."""
    return CoreSettings()
