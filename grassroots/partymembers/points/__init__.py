"""S2 §4.6–4.7: "1+4" classified points (党员分类亮化记分): the yearly scheme, entries, peer and
organisation ratings, the branch's posting and the annual result."""
