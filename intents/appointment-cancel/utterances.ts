export const utterances = {
  en: ['cancel my appointment', 'i dont need the visit anymore'],
  es: ['quiero cancelar mi cita'],
} as const;
