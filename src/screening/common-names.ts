/**
 * Very common given names and surnames in Mexico and the United States. A match on one of these
 * says little about identity however rare it is on a sanctions list, so their weight is capped.
 * Sources: frequency rankings published by INEGI/RENAPO summaries (Mexico) and the US Census
 * Bureau's 2010 surname and SSA given-name tables (United States); folded to ASCII.
 */
const MEXICAN_SURNAMES = `hernandez garcia martinez lopez gonzalez rodriguez perez sanchez ramirez cruz flores gomez
morales vazquez reyes jimenez torres diaz gutierrez ruiz mendoza aguilar ortiz moreno castillo romero alvarez mendez
chavez rivera juarez ramos dominguez herrera medina castro vargas guzman velazquez munoz rojas contreras salazar
luna ortega santiago guerrero estrada bautista cortes soto alvarado espinoza lara avila rios cervantes silva
delgado vega marquez sandoval carrillo leon mejia solis nunez rosas valdez ibarra campos navarro pena cabrera
robles acosta fuentes molina rosales trejo villa miranda zamora esquivel camacho escobar salinas orozco gallegos`;

const MEXICAN_GIVEN = `jose juan maria guadalupe francisco antonio jesus alejandro miguel pedro manuel carlos luis
jorge fernando ricardo roberto eduardo javier rafael daniel arturo sergio martin raul jaime enrique alberto victor
mario hector oscar ramon alfredo gerardo andres salvador david ignacio guillermo rosa ana margarita veronica
leticia patricia elizabeth gabriela alejandra adriana silvia martha laura claudia teresa josefina carmen
yolanda isabel alicia norma araceli sandra angelica luz lucia fabiola monica diana irma gloria beatriz
juana cristina elena sofia fernanda valeria ximena camila daniela mariana andrea paola karla`;

const US_SURNAMES = `smith johnson williams brown jones miller davis wilson anderson taylor thomas moore martin
jackson thompson white harris clark lewis robinson walker young allen king wright scott hill green adams baker
nelson carter mitchell roberts turner phillips campbell parker evans edwards collins stewart morris murphy cook
rogers morgan cooper peterson bailey reed kelly howard cox ward richardson wood watson brooks bennett gray james
hughes price sanders myers long ross foster powell jenkins perry russell sullivan bell coleman butler henderson
barnes fisher washington simmons patterson jordan reynolds hamilton graham wallace west cole hayes`;

const US_GIVEN = `james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory
mary patricia jennifer linda barbara elizabeth susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia
kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel
michael william`;

/** Folded tokens of very common given names and surnames (Mexico and United States). */
export const COMMON_NAME_TOKENS: ReadonlySet<string> = new Set(
  [MEXICAN_SURNAMES, MEXICAN_GIVEN, US_SURNAMES, US_GIVEN].join(' ').split(/\s+/).filter((token) => token.length > 0),
);

/** Generic company words ("grupo", "comercializadora") that identify no company by themselves. */
export const GENERIC_COMPANY_TOKENS: ReadonlySet<string> = new Set(
  `grupo comercializadora comercial servicios servicio internacional international inmobiliaria constructora
  corporativo corporacion empresa empresas industrias industrial transportes transporte distribuidora
  importadora exportadora import export trading holding holdings group global general nacional national
  mexico mexicana mexicano americas america financiera financial capital inversiones investments bank banco
  casa cambio exchange agricola agro desarrollos desarrollo consultores consulting management services
  enterprises company negocios union unidos`.split(/\s+/).filter((token) => token.length > 0),
);
