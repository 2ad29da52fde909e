"""The `livestats` blueprint: session statistics, the owner's dashboard, the admins' overview,
CSV exports and the platform figures an owner reports."""

from flask import Blueprint

bp = Blueprint("livestats", __name__)
