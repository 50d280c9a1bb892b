"""Parameter types shared by every API operation: numbers the database can hold.

A plain ``int`` accepts 10**30; used as an id or a page it reached the database and came back as
a 500 (SQLite cannot bind it, PostgreSQL's bigint overflows). With these the schema says the
range and a value outside it is a 422 with the field named.
"""

from datetime import date
from typing import Annotated

from pydantic import Field

from grassroots.core.parsing import DATE_MAX, DATE_MIN, ID_MAX, INT_MAX

Id = Annotated[int, Field(ge=1, le=ID_MAX)]  # a primary key
Count = Annotated[int, Field(ge=0, le=INT_MAX)]  # a level, a page, a quantity
Day = Annotated[date, Field(ge=DATE_MIN, le=DATE_MAX)]  # a date every time zone can convert
