"""French words an English request keeps ("put the clim on": the aircon); whole French requests are `abroad`'s."""
from assistant.languages.regional.language import Language

LANGUAGE = Language("French", markers={"clim": "aircon"})  # "la clim"
